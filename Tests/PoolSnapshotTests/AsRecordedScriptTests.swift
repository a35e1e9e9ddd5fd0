import MemoryMap
import PoolAllocator
import Testing

@testable import PoolScript
@testable import PoolSnapshot

/// The as-recorded run as the player plays it: a script of placements, frees and failures, with
/// the pending blocks and segments kept by position, and the view drawn from them.
@Suite struct AsRecordedScriptTests {
    static let mib = 1 << 20

    static func recorded(_ name: String, captions: [Int: String] = [:]) throws -> (AsRecordedScript, AsRecordedRun) {
        let snapshot = try MemorySnapshot.load(path: Fixture.path(name))
        let run = AsRecordedRun(snapshot: snapshot, device: try snapshot.chooseDevice())
        return (AsRecordedScript(run, fileName: name, captions: captions), run)
    }

    /// The script run by poolmap's runner, and its steps.
    static func play(_ script: Script) throws -> (ScriptRunner, [Step]) {
        var runner = try ScriptRunner(script: script, poolSize: script.knownTracePoolSize ?? 1)
        var steps: [Step] = []
        runner.run { step, _ in steps.append(step) }
        return (runner, steps)
    }

    @Test func theEventsBecomePlacementsFreesAndTheFailure() throws {
        let (recorded, _) = try Self.recorded("actions-p4.pickle")
        let mib = Self.mib
        #expect(recorded.script.knownTracePoolSize == 24 * mib)
        #expect(
            recorded.script.statements.map(\.line) == [2, 3, 5, 9, 10, 12, 14])
        #expect(recorded.script.statements[1].action == .tracePlace(id: 1, size: 4 * mib, offset: 2 * mib))
        #expect(recorded.script.statements[2].action == .traceFree(id: 0))
        let (runner, steps) = try Self.play(recorded.script)
        #expect(steps.allSatisfy { $0.error == nil })
        #expect(
            steps[3].outcome
                == .allocationFailed(
                    "OOM: 2.00 GiB requested; 0.80 GiB free on the device; 0.02 GiB reserved but unallocated in 2 free blocks, "
                        + "the largest 0.01 GiB"))
        #expect(runner.state.pool.blocks.map(\.offset) == [0, 2 * mib])
        #expect(recorded.script.callSites[1] == "train.py:61:step\ntrain.py:97:<module>")
    }

    @Test func pendingBlocksAndSegmentsAreKeptByPosition() throws {
        let (recorded, _) = try Self.recorded("actions-p4.pickle")
        let mib = Self.mib
        let a = 0x7F00_0000_0000, c = 0x7F20_0000_0000
        #expect(recorded.pending(afterSteps: 1) == [])
        #expect(recorded.pending(afterSteps: 2) == [0..<(2 * mib)])  // free requested, not completed
        #expect(recorded.pending(afterSteps: 3) == [])
        #expect(recorded.pending(afterSteps: 6) == [(22 * mib)..<(22 * mib + 512)])
        #expect(recorded.segments(afterSteps: 0).map(\.address) == [a])
        #expect(recorded.segments(afterSteps: 5).map(\.address) == [a, c])
        #expect(recorded.segments(afterSteps: 7).map(\.address) == [a])
        let pool = try MemoryPool(totalSize: 24 * mib)
        let layout = recorded.layout(of: pool, afterSteps: 5)
        #expect(layout.unreserved == [(20 * mib)..<(22 * mib)])
        #expect(layout.segments.map(\.label) == ["0x7f0000000000 20 MiB large", "0x7f2000000000 2 MiB small"])
    }

    @Test func thePanelGivesTheRecordedFiguresAndTheSelectedBlock() throws {
        let (recorded, _) = try Self.recorded("actions-p4.pickle")
        var runner = try ScriptRunner(script: recorded.script, poolSize: 24 * Self.mib)
        for _ in 0..<2 { _ = runner.step() }
        let panel = recorded.panel(of: runner.state.pool, afterSteps: 2, selectedOffset: 0, callSite: "model.py:1:f")
        let text = panel.map { $0.runs.map(\.text).joined() }
        #expect(
            text == [
                "As recorded", "reserved     20 MiB", "allocated    6 MiB", "pending free 2 MiB", "unallocated  14 MiB",
                "free blocks  1", "largest free 14 MiB", "frag         0%", "segments     1", "Block", "0x7f0000000000",
                "2 MiB pending free", "in 0x7f0000000000", "  20 MiB large pool", "allocated at", " model.py:1:f",
            ])
    }

    @Test func captionsAreSaysBeforeTheirEvents() throws {
        let (recorded, _) = try Self.recorded("actions-p4.pickle", captions: [9: "out of memory", 2: "first"])
        #expect(recorded.script.statements[0].action == .say("first"))
        let failure = try #require(recorded.script.statements.firstIndex { $0.line == 9 })
        #expect(recorded.script.statements[failure].action == .say("out of memory"))
        // Positions count the captions: the block freed by the third event is pending after 3.
        #expect(recorded.pending(afterSteps: 3) == [0..<(2 * Self.mib)])
    }

    @Test func theDemoPlaysAsRecordedToTheSameEnd() throws {
        let demo = try #require(SnapshotDemos.named("gpu-oom"))
        var run = AsRecordedRun(snapshot: try demo.snapshot(), device: 0)
        let recorded = AsRecordedScript(run, fileName: demo.fileName, captions: demo.captions)
        while run.step() != nil {}
        let (runner, steps) = try Self.play(recorded.script)
        #expect(steps.allSatisfy { $0.error == nil })
        #expect(steps.filter { if case .allocationFailed = $0.outcome { true } else { false } }.count == 1)
        #expect(runner.state.pool.blocks == run.state.pool.blocks)
        let says = steps.filter { if case .say = $0.operation { true } else { false } }
        #expect(says.count == demo.captions.count)
    }
}
