import Testing

@testable import PoolAllocator
@testable import PoolScript

/// A runner's state flattened into `RunnerState.Compact` and expanded again goes on exactly as
/// the original: the same bindings, labels and steps.
@Suite struct CompactRunnerStateTests {
    /// A trace with failed allocations, reallocs and frees of ids, then `count` more churn.
    static func trace(count: Int) throws -> Script {
        var lines = ["a 0 100", "a 900000 5000000", "a 2 64", "r 2 300", "f 0"]
        for i in 3..<(3 + count) {
            lines.append(i % 4 == 0 ? "f \(i - 3)" : i % 5 == 0 ? "r \(i - 2) \(i % 700 + 1)" : "a \(i) \(i % 900 + 1)")
        }
        return try TraceParser.parse(lines.joined(separator: "\n"), fileName: "ids.trace")
    }

    /// Runs `runner` and a copy restored from its compact form side by side for `steps` steps.
    static func expectSameRun(from runner: ScriptRunner, steps: Int) {
        var original = runner
        var restored = runner
        restored.state = runner.state.compact.expanded
        #expect(restored.state.offsetsByID == original.state.offsetsByID)
        #expect(restored.state.idsByOffset == original.state.idsByOffset)
        #expect(restored.state.failedIDs == original.state.failedIDs)
        #expect(restored.pool.regions == original.pool.regions)
        for _ in 0..<steps {
            let step = original.step()
            #expect(restored.step() == step)
            if step == nil { break }
        }
        #expect(restored.pool.regions == original.pool.regions)
        #expect(restored.state.idsByOffset == original.state.idsByOffset)
    }

    @Test func aTraceRunGoesOnTheSameFromACompactState() throws {
        let script = try Self.trace(count: 3_000)
        var runner = try ScriptRunner(script: script, poolSize: 1 << 20)
        for _ in 0..<1_500 { _ = runner.step() }
        #expect(runner.state.failedIDs[900_000] != nil && runner.state.offsetsByID.count > 100)
        Self.expectSameRun(from: runner, steps: 2_000)
    }

    @Test func aScriptRunWithNamesAndRandomGoesOnTheSame() throws {
        let text = "pool 64K\na = alloc 16\nb = alloc 4000\nrandom 300 seed 5\nsay \"halfway\"\nfree a\nc = alloc 32\n"
        let script = try ScriptParser.parse(text, fileName: "r.pool")
        var runner = try ScriptRunner(script: script, poolSize: 1 << 16)
        for _ in 0..<150 { _ = runner.step() }
        Self.expectSameRun(from: runner, steps: 1_000)
    }

    @Test func idMapsThatAreNotEachOthersInverseAreKeptAsTheyAre() throws {
        let script = try Self.trace(count: 200)
        var runner = try ScriptRunner(script: script, poolSize: 1 << 20)
        for _ in 0..<100 { _ = runner.step() }
        // An offset bound to an id the other map does not send there (as a script freeing by
        // offset could leave it).
        runner.state.idsByOffset[999_999] = 77
        let restored = runner.state.compact.expanded
        #expect(restored.idsByOffset == runner.state.idsByOffset)
        #expect(restored.offsetsByID == runner.state.offsetsByID)
        #expect(restored.label(at: 999_999) == "#77")
    }

    @Test func theCompactFormHoldsAboutAThirdOfTheStateItFlattens() throws {
        let script = try Self.trace(count: 20_000)
        var runner = try ScriptRunner(script: script, poolSize: 16 << 20)
        for _ in 0..<20_000 { _ = runner.step() }
        var full = StorageTally()
        runner.state.countStorage(in: &full)
        var compact = StorageTally()
        runner.state.compact.countStorage(in: &compact)
        #expect(compact.bytes * 2 < full.bytes)
    }
}
