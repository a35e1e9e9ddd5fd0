import PoolAllocator
import Testing

@testable import PoolScript
@testable import PoolSnapshot

@Suite struct SnapshotReplayTests {
    static let mib = 1 << 20

    static func replay(_ name: String, device: Int? = nil) throws -> SnapshotReplay {
        let snapshot = try MemorySnapshot.load(path: Fixture.path(name))
        return SnapshotReplay(snapshot: snapshot, device: try snapshot.chooseDevice(device), fileName: name)
    }

    static func run(_ replay: SnapshotReplay) throws -> (ScriptRunner, [Step]) {
        var runner = try ScriptRunner(script: replay.script, poolSize: replay.defaultPoolSize)
        var steps: [Step] = []
        runner.run { step, _ in steps.append(step) }
        return (runner, steps)
    }

    @Test func aRingBufferStartsWithTheBlocksLiveBeforeIt() throws {
        let replay = try Self.replay("ring-buffer-p4.pickle")
        let mib = Self.mib
        #expect(replay.preexistingBlocks == 3)
        #expect(
            Array(replay.script.statements) == [
                // Before the trace, in address order: two blocks it frees, one it never mentions.
                Statement(line: 0, action: .traceAlloc(id: 0, size: mib, alignment: nil)),
                Statement(line: 0, action: .traceAlloc(id: 1, size: mib, alignment: nil)),
                Statement(line: 0, action: .traceAlloc(id: 2, size: 2 * mib, alignment: nil)),
                Statement(line: 1, action: .say("free requested: block 1 (1 MiB)")),
                Statement(line: 2, action: .traceFree(id: 1)),
                Statement(line: 3, action: .traceAlloc(id: 3, size: mib, alignment: nil)),
                Statement(line: 4, action: .say("free requested: block 0 (1 MiB)")),
                Statement(line: 5, action: .traceFree(id: 0)),
                Statement(line: 6, action: .traceAlloc(id: 4, size: 512 * 1024, alignment: nil)),
            ])
        let a = 0x7F00_0000_0000
        #expect(replay.blockAddresses == [a, a + mib, a + 4 * mib, a + 6 * mib, a])
        #expect(replay.blockFrames[1] == [MemorySnapshotTests.train])
        #expect(replay.blockFrames[2] == [MemorySnapshotTests.main])
        #expect(replay.defaultPoolSize == 20 * mib)
        #expect(replay.poolSizeOrigin == .peakReserved)
        #expect(replay.notes == ["3 blocks were live before the trace began: allocated first, in address order"])
        let (runner, steps) = try Self.run(replay)
        #expect(steps.allSatisfy { $0.error == nil })
        #expect(runner.state.offsetsByID.count == 3)  // ids 2, 3 and 4 live at the end, as in the segments
    }

    @Test(arguments: [2, 4, 5]) func everyActionAndTheOOM(proto: Int) throws {
        let replay = try Self.replay("actions-p\(proto).pickle")
        let mib = Self.mib
        #expect(replay.preexistingBlocks == 0)
        let expected: [Action] = [
            .say("segment allocated: 20 MiB at 0x7f0000000000, stream 0"),
            .traceAlloc(id: 0, size: 2 * mib, alignment: nil),
            .traceAlloc(id: 1, size: 4 * mib, alignment: nil),
            .say("free requested: block 0 (2 MiB)"),
            .traceFree(id: 0),
            .say("segment mapped: 2 MiB at 0x7f1000000000, stream 0"),
            .say("segment unmapped: 2 MiB at 0x7f1000000000, stream 0"),
            .say("snapshot taken"),
            .say("OOM in the recording: 2.00 GiB requested, 0.80 GiB free on the device"),
            .traceAlloc(id: 2, size: mib, alignment: nil),
            .say("segment allocated: 2 MiB at 0x7f2000000000, stream 0"),
            .traceAlloc(id: 3, size: 512, alignment: nil),
            .say("free requested: block 3 (512 B)"),
            .traceFree(id: 3),
            .say("segment freed: 2 MiB at 0x7f2000000000, stream 0"),
        ]
        #expect(replay.script.statements.map(\.action) == expected)
        #expect(replay.script.statements.map(\.line) == Array(1...15))
        #expect(replay.script.kind == .trace)
        #expect(
            replay.ooms == [
                SnapshotReplay.OOM(
                    statementIndex: 8, requested: 2 << 30, deviceFree: 858_993_459,
                    frames: [MemorySnapshotTests.train, MemorySnapshotTests.main])
            ])
        // The device's capacity: 20 MiB reserved at the OOM + 0.8 GiB free.
        #expect(replay.defaultPoolSize == 20 * mib + 858_993_459)
        #expect(replay.poolSizeOrigin == .deviceCapacity)
        #expect(replay.peakReservedBytes == 22 * mib)
        let (runner, steps) = try Self.run(replay)
        #expect(steps.count == 15)
        #expect(steps.allSatisfy { $0.error == nil })
        #expect(runner.state.offsetsByID.count == 2)
        #expect(runner.state.offsetsByID[1] != nil && runner.state.offsetsByID[2] != nil)
    }

    @Test func oomText() {
        #expect(
            SnapshotReplay.oomText(requested: 2 << 30, deviceFree: 858_993_459)
                == "OOM in the recording: 2.00 GiB requested, 0.80 GiB free on the device")
        #expect(
            SnapshotReplay.oomText(requested: 3 << 20, deviceFree: nil) == "OOM in the recording: 3.00 MiB requested")
        #expect(
            SnapshotReplay.oomText(requested: 512, deviceFree: 100)
                == "OOM in the recording: 512 B requested, 100 B free on the device")
        #expect(
            SnapshotReplay.oomText(requested: 0, deviceFree: 0)
                == "OOM in the recording: 0 B requested, 0 B free on the device")
    }

    @Test func theTwoDevicesReplayTheirOwnTraces() throws {
        let first = try Self.replay("two-devices-p5.pickle", device: 0)
        #expect(first.script.statements.filter { $0.action.isPoolOperation }.count == 2)
        #expect(first.finalSegments.map(\.device) == [0])
        #expect(first.defaultPoolSize == 2 * Self.mib)
        let second = try Self.replay("two-devices-p5.pickle", device: 1)
        #expect(second.script.statements.map(\.action).last == .traceAlloc(id: 0, size: 8 * Self.mib, alignment: nil))
        #expect(second.defaultPoolSize == 20 * Self.mib)
    }

    @Test func segmentsOnlyReplaysTheLiveBlocks() throws {
        let replay = try Self.replay("segments-only-p2.pickle")
        #expect(
            Array(replay.script.statements) == [
                Statement(line: 0, action: .traceAlloc(id: 0, size: Self.mib, alignment: nil))
            ])
        #expect(replay.defaultPoolSize == 2 * Self.mib)
    }

    @Test func inconsistentTracesAreNotedNotTrusted() {
        let events = [
            TraceEvent(action: .alloc, address: 64, size: 100),
            TraceEvent(action: .alloc, address: 64, size: 50),  // the earlier block's free is missing
            TraceEvent(action: .freeCompleted, address: 64, size: 50),
            TraceEvent(action: .freeCompleted, address: 64, size: 50),  // freed twice
            TraceEvent(action: .alloc, address: 128, size: 0),
        ]
        let replay = SnapshotReplay(
            snapshot: MemorySnapshot(segments: [], deviceTraces: [events]), device: 0, fileName: "x.pickle")
        #expect(
            replay.script.statements.map(\.action) == [
                .traceAlloc(id: 0, size: 100, alignment: nil), .traceFree(id: 0),
                .traceAlloc(id: 1, size: 50, alignment: nil), .traceFree(id: 1),
            ])
        #expect(
            replay.notes == [
                "1 allocations at addresses still live: their earlier blocks are freed first",
                "1 frees of blocks that were not live are left out", "1 allocations of 0 bytes are left out",
            ])
        // No segments: the pool is the peak live bytes; with nothing at all, 1 KiB.
        #expect(replay.defaultPoolSize == 100)
        #expect(replay.poolSizeOrigin == .peakLive)
        let empty = SnapshotReplay(snapshot: MemorySnapshot(segments: [], deviceTraces: []), device: 3, fileName: "e")
        #expect(empty.script.statements.isEmpty)
        #expect(empty.defaultPoolSize == 1024 && empty.poolSizeOrigin == .floor)
    }

    @Test func traceTextReadsBackAsTheSameOperations() throws {
        let replay = try Self.replay("ring-buffer-p4.pickle")
        let text = replay.traceText()
        #expect(
            text == """
                # device: 0
                # pool: 20971520 (20 MiB, the peak reserved bytes)
                # segment 0x7f0000000000: 20 MiB, large pool, stream 0, 5 blocks at the end
                # note: 3 blocks were live before the trace began: allocated first, in address order
                a 0 1048576  # at train.py:97:<module>
                a 1 1048576  # at train.py:42:forward
                a 2 2097152  # at train.py:97:<module>
                # free requested: block 1 (1 MiB)
                f 1
                a 3 1048576  # at train.py:61:step
                # free requested: block 0 (1 MiB)
                f 0
                a 4 524288  # at train.py:42:forward

                """)
        for name in ["actions-p4.pickle", "ring-buffer-p4.pickle", "generated-p4.pickle"] {
            let replay = try Self.replay(name)
            let parsed = try ScriptFile.parse(Array(replay.traceText().utf8), fileName: "x.trace", kind: .trace)
            #expect(
                parsed.statements.map(\.action) == replay.script.statements.map(\.action).filter(\.isPoolOperation),
                "\(name)")
        }
        // The interpreter's frames never name a call site: the first frame shown does.
        let actions = try Self.replay("actions-p4.pickle").traceText()
        #expect(actions.contains("a 0 2097152  # at train.py:42:forward\n"))
        #expect(actions.contains("# OOM in the recording: 2.00 GiB requested, 0.80 GiB free on the device\n"))
    }

    /// A fuzzer finding (the snapshot target): a segment type with a NUL byte reached the
    /// trace text's `# segment` line, which the trace parser then refused as binary.
    @Test func controlCharactersInTheFileNeverReachTheTraceText() throws {
        let segment = SnapshotSegment(
            device: 0, address: 0x7f00_0000_0000, totalSize: 2 << 20, allocatedSize: 1 << 20, stream: 0,
            segmentType: "\u{0}sm\nall", blocks: [])
        let replay = SnapshotReplay(
            snapshot: MemorySnapshot(segments: [segment], deviceTraces: [[]]), device: 0, fileName: "x")
        let text = replay.traceText()
        #expect(text.contains("# segment 0x7f0000000000: 2 MiB,  sm all pool, stream 0, 0 blocks at the end\n"))
        _ = try ScriptFile.parse(Array(text.utf8), fileName: "x.trace", kind: .trace)
    }

    @Test func theGeneratedSnapshotRunsWithoutErrors() throws {
        let replay = try Self.replay("generated-p4.pickle")
        let (_, steps) = try Self.run(replay)
        #expect(steps.allSatisfy { $0.error == nil })
        #expect(steps.contains { if case .alloc = $0.operation { return true } else { return false } })
    }

    @Test func thePlayableScriptNamesEachBlocksShownFrames() throws {
        for name in ["actions-p4.pickle", "ring-buffer-p4.pickle", "generated-p4.pickle"] {
            let replay = try Self.replay(name)
            let script = replay.playableScript
            #expect(script.statements == replay.script.statements)
            #expect(script.knownTracePoolSize == replay.defaultPoolSize)
            for (id, frames) in replay.blockFrames.enumerated() {
                let shown = StackFrame.shown(frames).prefix(3).map(\.description)
                #expect(script.callSites[id] == (shown.isEmpty ? nil : shown.joined(separator: "\n")), "\(name) \(id)")
            }
        }
        let actions = try Self.replay("actions-p4.pickle").playableScript
        #expect(actions.poolSizeReason == "the device's capacity at an OOM")
        // The interpreter's frame (ceval.c) is skipped: train.py:42 then train.py:97.
        #expect(actions.callSites[0] == "train.py:42:forward\ntrain.py:97:<module>")
    }
}
