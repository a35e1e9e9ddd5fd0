import Testing

@testable import PoolSnapshot

@Suite struct MemorySnapshotTests {
    static let a = 0x7F00_0000_0000
    static let mib = 1 << 20
    static let train = StackFrame(filename: "/home/me/train.py", line: 42, name: "forward")
    static let eval = StackFrame(
        filename: "/usr/src/python/Python/ceval.c", line: 4181, name: "_PyEval_EvalFrameDefault")
    static let main = StackFrame(filename: "/home/me/train.py", line: 97, name: "<module>")
    static let step = StackFrame(filename: "/home/me/train.py", line: 61, name: "step")

    @Test(arguments: [2, 4, 5]) func actionsFixtureReadsExactly(proto: Int) throws {
        let snapshot = try MemorySnapshot.load(path: Fixture.path("actions-p\(proto).pickle"))
        let mib = Self.mib, a = Self.a
        #expect(!snapshot.isSegmentsOnly)
        #expect(
            snapshot.segments == [
                SnapshotSegment(
                    device: 0, address: a, totalSize: 20 * mib, allocatedSize: 5 * mib, stream: 0, segmentType: "large",
                    blocks: [
                        SnapshotBlock(
                            address: a, size: mib, requestedSize: 1_000_000, state: .activeAllocated,
                            frames: [Self.step]),
                        SnapshotBlock(address: a + mib, size: mib, requestedSize: 0, state: .inactive),
                        SnapshotBlock(
                            address: a + 2 * mib, size: 4 * mib, requestedSize: 4 * mib, state: .activeAllocated,
                            frames: [Self.step, Self.main]),
                        SnapshotBlock(address: a + 6 * mib, size: 14 * mib, requestedSize: 0, state: .inactive),
                    ])
            ])
        let b = 0x7F10_0000_0000, c = 0x7F20_0000_0000
        let expected: [TraceEvent] = [
            TraceEvent(
                action: .segmentAlloc, address: a, size: 20 * mib, timeMicroseconds: 1000,
                frames: [Self.train, Self.eval, Self.main]),
            TraceEvent(
                action: .alloc, address: a, size: 2 * mib, timeMicroseconds: 1001,
                frames: [Self.eval, Self.train, Self.main]),
            TraceEvent(
                action: .alloc, address: a + 2 * mib, size: 4 * mib, timeMicroseconds: 1002,
                frames: [Self.step, Self.main]),
            TraceEvent(action: .freeRequested, address: a, size: 2 * mib, timeMicroseconds: 1003, frames: [Self.train]),
            TraceEvent(action: .freeCompleted, address: a, size: 2 * mib, timeMicroseconds: 1004, frames: [Self.train]),
            TraceEvent(action: .segmentMap, address: b, size: 2 * mib, timeMicroseconds: 1005),
            TraceEvent(action: .segmentUnmap, address: b, size: 2 * mib, timeMicroseconds: 1006),
            TraceEvent(action: .snapshot, address: 0, size: 0, timeMicroseconds: 1007),
            TraceEvent(
                action: .oom, address: nil, size: 2 << 30, timeMicroseconds: 1008, frames: [Self.train, Self.main],
                deviceFree: 858_993_459),
            TraceEvent(action: .alloc, address: a, size: mib, timeMicroseconds: 1009, frames: [Self.step]),
            TraceEvent(action: .segmentAlloc, address: c, size: 2 * mib, timeMicroseconds: 1010),
            TraceEvent(action: .alloc, address: c, size: 512, timeMicroseconds: 1011, frames: [Self.train]),
            TraceEvent(action: .freeRequested, address: c, size: 512, timeMicroseconds: 1012),
            TraceEvent(action: .freeCompleted, address: c, size: 512, timeMicroseconds: 1013),
            TraceEvent(action: .segmentFree, address: c, size: 2 * mib, timeMicroseconds: 1014),
        ]
        #expect(snapshot.deviceTraces == [expected])
        #expect(
            snapshot.ignored == [
                "allocator_settings": 1, "segments[].active_size": 1, "segments[].requested_size": 1,
                "device_traces[][].pool_id": 1, "unknown action future_action": 1,
            ])
    }

    @Test func segmentsOnlyForm() throws {
        let snapshot = try MemorySnapshot.load(path: Fixture.path("segments-only-p2.pickle"))
        #expect(snapshot.isSegmentsOnly)
        #expect(snapshot.deviceTraces.isEmpty)
        #expect(snapshot.segments.count == 1)
        #expect(snapshot.segments[0].segmentType == "small")
        #expect(snapshot.segments[0].blocks.map(\.state) == [.activeAllocated, .inactive])
        #expect(try snapshot.chooseDevice() == 0)
    }

    @Test func generatedFixtureTilesItsSegment() throws {
        let snapshot = try MemorySnapshot.load(path: Fixture.path("generated-p4.pickle"))
        #expect(snapshot.deviceTraces[0].count >= 200)
        let segment = snapshot.segments[0]
        #expect(segment.blocks.reduce(0) { $0 + $1.size } == segment.totalSize)
        for (block, next) in zip(segment.blocks, segment.blocks.dropFirst()) {
            #expect(block.address + block.size == next.address)
        }
    }

    // MARK: Errors name the path

    static func event(size: PickleValue) -> PickleValue {
        .dict(
            PickleDict([(.string("action"), .string("alloc")), (.string("addr"), .int(4096)), (.string("size"), size)]))
    }

    static func snapshot(events: [PickleValue]) -> PickleValue {
        .dict(PickleDict([(.string("segments"), .list([])), (.string("device_traces"), .list([.list(events)]))]))
    }

    @Test func aValueOfTheWrongTypeIsNamedByItsPath() {
        var events = Array(repeating: Self.event(size: .int(512)), count: 12)
        events.append(Self.event(size: .string("512")))
        #expect(
            throws: SnapshotError.wrongType(
                path: "device_traces[0][12].size", expected: "an integer", found: "a string")
        ) {
            try MemorySnapshot(Self.snapshot(events: events))
        }
        #expect(
            SnapshotError.wrongType(path: "device_traces[0][12].size", expected: "an integer", found: "a string")
                .description == "device_traces[0][12].size: expected an integer, found a string")
        #expect(
            throws: SnapshotError.wrongType(path: "device_traces[0][0].size", expected: "an integer", found: "a bool")
        ) {
            try MemorySnapshot(Self.snapshot(events: [Self.event(size: .bool(true))]))
        }
        #expect(throws: SnapshotError.negative(path: "device_traces[0][0].size", value: -1)) {
            try MemorySnapshot(Self.snapshot(events: [Self.event(size: .int(-1))]))
        }
        let noAddress = PickleValue.dict(
            PickleDict([(.string("action"), .string("free_completed")), (.string("size"), .int(1))]))
        #expect(throws: SnapshotError.missingKey(path: "device_traces[0][0]", key: "addr")) {
            try MemorySnapshot(Self.snapshot(events: [noAddress]))
        }
        let badBlocks = PickleValue.dict(
            PickleDict([(.string("segments"), .list([.dict(PickleDict([(.string("blocks"), .list([.int(3)]))]))]))]))
        #expect(throws: SnapshotError.wrongType(path: "segments[0].blocks[0]", expected: "a dict", found: "an integer"))
        {
            try MemorySnapshot(badBlocks)
        }
        #expect(throws: SnapshotError.notASnapshot(found: "a string")) { try MemorySnapshot(.string("hello")) }
        #expect(throws: SnapshotError.missingKey(path: "the snapshot", key: "segments")) {
            try MemorySnapshot(.dict(PickleDict()))
        }
    }

    @Test func aRefusedPickleAndAMissingFile() {
        #expect(throws: SnapshotError.pickle(PickleError(.unknownOpcode(code: 0x23), at: 0))) {
            try MemorySnapshot.read(Array("# a trace\na 0 10\n".utf8))
        }
        do {
            _ = try MemorySnapshot.load(path: "/nonexistent/snap.pickle")
            Issue.record("read a missing file")
        } catch {
            #expect(error.description == "cannot read /nonexistent/snap.pickle: No such file or directory")
            #expect(error.exitStatus == 1)
        }
    }

    // MARK: The device

    @Test func deviceChoice() throws {
        let two = try MemorySnapshot.load(path: Fixture.path("two-devices-p5.pickle"))
        #expect(two.eventCounts == [3, 2])
        #expect(throws: SnapshotError.device(requested: nil, eventCounts: [3, 2])) { try two.chooseDevice() }
        #expect(
            SnapshotError.device(requested: nil, eventCounts: [3, 2]).message(fileName: "snap.pickle")
                == "snap.pickle: the snapshot has events on several devices: device 0 (3 events), device 1 (2 events); "
                + "choose one with --device N")
        #expect(try two.chooseDevice(1) == 1)
        #expect(try two.chooseDevice(0) == 0)
        #expect(throws: SnapshotError.device(requested: 2, eventCounts: [3, 2])) { try two.chooseDevice(2) }
        #expect(
            SnapshotError.device(requested: 2, eventCounts: [3, 2]).description
                == "the snapshot has no device 2; it has device 0 (3 events), device 1 (2 events)")
        #expect(SnapshotError.device(requested: 2, eventCounts: [3, 2]).exitStatus == 64)

        let one = try MemorySnapshot.load(path: Fixture.path("actions-p4.pickle"))
        #expect(try one.chooseDevice() == 0)
        // The only device with events, though another has an empty trace and segments.
        var mixed = two
        mixed.deviceTraces[0] = []
        #expect(mixed.eventCounts == [0, 2])
        #expect(try mixed.chooseDevice() == 1)
        // No events at all: the only device with segments, else device 0.
        mixed.deviceTraces = []
        #expect(throws: SnapshotError.device(requested: nil, eventCounts: [0, 0])) { try mixed.chooseDevice() }
        mixed.segments.removeFirst()
        #expect(try mixed.chooseDevice() == 1)
        #expect(try MemorySnapshot(segments: [], deviceTraces: []).chooseDevice() == 0)
    }

    // MARK: Frames

    @Test func framesAreFilteredLikeMemoryViz() {
        #expect(StackFrame.shown([Self.eval, Self.train, Self.main]) == [Self.train, Self.main])
        let hidden = [
            StackFrame(filename: "x.cpp", line: 1, name: "torch::unwind::unwind()"),
            StackFrame(filename: "x.cpp", line: 1, name: "torch::CapturedTraceback::gather(bool, bool, bool)"),
            StackFrame(filename: "", line: 0, name: "__libc_start_main"),
            StackFrame(filename: "Objects/call.c", line: 3, name: "_PyObject_MakeTpCall"),
            StackFrame(filename: "aten/src/ATen/core/boxing/impl.h", line: 9, name: "call"),
            StackFrame(filename: "build/aten/src/ATen/RegisterCUDA.cpp", line: 9, name: "wrapper"),
            StackFrame(filename: "Python/pythonrun.c", line: 9, name: "run_mod"),
        ]
        #expect(StackFrame.shown(hidden).isEmpty)
        #expect(Self.train.isShown)
        #expect(Self.train.description == "train.py:42:forward")
        #expect(StackFrame(filename: "noslash.py", line: 1, name: "f").description == "noslash.py:1:f")
    }
}
