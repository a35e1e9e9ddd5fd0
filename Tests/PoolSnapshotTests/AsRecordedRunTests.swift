import Foundation
import PoolAllocator
import Testing

@testable import PoolSnapshot

/// The as-recorded reading: the compacted address space, the start undone from the end, the
/// forward run at real offsets, the end checked against `segments`, the OOM explained, and the
/// totals against PyTorch's own `_memory_viz.py stats`.
@Suite struct AsRecordedRunTests {
    static let mib = 1 << 20
    static let a = 0x7F00_0000_0000
    static let b = 0x7F10_0000_0000
    static let c = 0x7F20_0000_0000

    static func run(_ name: String, device: Int? = nil) throws -> AsRecordedRun {
        let snapshot = try MemorySnapshot.load(path: Fixture.path(name))
        return AsRecordedRun(snapshot: snapshot, device: try snapshot.chooseDevice(device))
    }

    static func finish(_ run: inout AsRecordedRun) -> [AsRecordedRun.Step] {
        var steps: [AsRecordedRun.Step] = []
        while let step = run.step() { steps.append(step) }
        return steps
    }

    @Test func theAddressSpaceIsTheUnionOfReservedRangesWithTheGapsRemoved() {
        let space = RecordedAddressSpace(ranges: [
            (0x5000, 0x1000), (0x1000, 0x800), (0x1400, 0x800), (0x1C00, 0x100), (-5, 10), (0x9000, 0), (Int.max, 1),
        ])
        #expect(
            space.stretches == [
                .init(address: 0x1000, size: 0xD00, offset: 0), .init(address: 0x5000, size: 0x1000, offset: 0xD00),
            ])
        #expect(space.totalSize == 0x1D00)
        #expect(space.offset(of: 0x1CFF) == 0xCFF)
        #expect(space.offset(of: 0x1D00) == nil)
        #expect(space.offset(of: 0x5010) == 0xD10)
        #expect(space.address(at: 0xD10) == 0x5010)
        #expect(space.address(at: 0x1D00) == nil)
        #expect(space.offsets(of: 0x1C00, size: 0x100) == 0xC00..<0xD00)
        #expect(space.offsets(of: 0x1C00, size: 0x101) == nil)
    }

    @Test func everyActionAtItsRealOffsetEndsAtTheSnapshotsSegments() throws {
        var run = try Self.run("actions-p4.pickle")
        let mib = Self.mib
        #expect(run.state.space.totalSize == 24 * mib)
        // Every event undone: nothing live and nothing reserved before the first.
        #expect(run.start.pool.stats.blockCount == 0)
        #expect(run.start.segments.isEmpty)
        #expect(run.startNotes.isEmpty)
        let steps = Self.finish(&run)
        #expect(steps.count == 15)
        #expect(steps.allSatisfy { if case .error = $0.outcome { false } else { true } })
        #expect(steps[1].offset == 0 && steps[2].offset == 2 * mib)
        #expect(steps[5].offset == 20 * mib)  // segment_map of b, after a's 20 MiB
        #expect(
            steps[8].outcome
                == .failed(
                    "OOM: 2.00 GiB requested; 0.80 GiB free on the device; 0.02 GiB reserved but unallocated in "
                        + "2 free blocks, the largest 0.01 GiB"))
        #expect(run.endDifference() == nil)
        let kinds = run.state.regions.map { "\($0.kind) \($0.size / (mib / 2))" }
        // b and c, released, lie side by side in the compacted space: one unreserved region.
        #expect(kinds == ["used 2", "free 2", "used 8", "free 28", "unreserved 8"])
        let used = run.state.regions[2]
        #expect(used.address == Self.a + 2 * mib && used.segment == Self.a && used.offset == 2 * mib)
        #expect(run.state.regions[4].segment == nil && run.state.regions[4].address == Self.b)
    }

    @Test func pendingUnreservedAndFreeStatsMidRun() throws {
        var run = try Self.run("actions-p4.pickle")
        for _ in 0..<6 { _ = run.step() }  // up to segment_map of b
        let mib = Self.mib
        #expect(
            run.state.stats
                == AsRecordedStats(
                    reserved: 22 * mib, allocated: 4 * mib, pendingFree: 0, reservedUnallocated: 18 * mib,
                    freeBlocks: 3, largestFree: 14 * mib))
        var pending = try Self.run("actions-p4.pickle")
        for _ in 0..<4 { _ = pending.step() }  // a's free requested, not completed
        #expect(pending.state.stats.pendingFree == 2 * mib)
        #expect(pending.state.regions.first?.kind == .pending)
        #expect(abs(run.state.stats.fragmentation - (1 - 14.0 / 18.0)) < 1e-12)
    }

    @Test func aRingBufferStartsFromTheFinalSegmentsWithTheTraceUndone() throws {
        var run = try Self.run("ring-buffer-p4.pickle")
        let mib = Self.mib
        #expect(run.start.pool.blocks.map(\.offset) == [0, mib, 4 * mib])
        #expect(run.start.segments == [RecordedSegment(address: Self.a, size: 20 * mib, segmentType: "large")])
        _ = Self.finish(&run)
        #expect(run.endDifference() == nil)
    }

    @Test func aContradictedEventIsAnErrorAndTheEndCheckNamesTheFirstDifference() {
        let segment = SnapshotSegment(
            device: 0, address: 0x1000, totalSize: 0x1000, allocatedSize: nil, stream: 0, segmentType: nil,
            blocks: [
                SnapshotBlock(address: 0x1000, size: 0x100, requestedSize: 0x100, state: .activeAllocated),
                SnapshotBlock(address: 0x1100, size: 0xF00, requestedSize: 0, state: .inactive),
            ])
        let twice = MemorySnapshot(
            segments: [segment],
            deviceTraces: [
                [
                    TraceEvent(action: .alloc, address: 0x1000, size: 0x100),
                    TraceEvent(action: .alloc, address: 0x1000, size: 0x100),
                ]
            ])
        var run = AsRecordedRun(snapshot: twice, device: 0)
        let steps = Self.finish(&run)
        #expect(steps[0].outcome == .done)
        #expect(steps[1].outcome == .error("alloc at 0x1000: bytes 0 ..< 0 + 256 do not lie inside one free block"))

        let larger = MemorySnapshot(
            segments: [segment], deviceTraces: [[TraceEvent(action: .alloc, address: 0x1000, size: 0x200)]])
        var other = AsRecordedRun(snapshot: larger, device: 0)
        _ = Self.finish(&other)
        #expect(
            other.endDifference()
                == "the trace ends with block 0x1000 of 512 bytes in use, the snapshot's segments with another block there"
        )

        let released = MemorySnapshot(
            segments: [segment], deviceTraces: [[TraceEvent(action: .segmentFree, address: 0x1000, size: 0x1000)]])
        var freed = AsRecordedRun(snapshot: released, device: 0)
        #expect(freed.endDifference() == nil)  // before the event, the start is the end undone
        _ = Self.finish(&freed)
        #expect(
            freed.endDifference()
                == "the snapshot's segments reserve 4096 bytes at 0x1000, the trace's end differs there")
    }

    @Test func aBlockAwaitingFreeAtTheEndIsPendingFromTheStart() {
        let snapshot = MemorySnapshot(
            segments: [
                SnapshotSegment(
                    device: 0, address: 0x4000, totalSize: 2 << 20, allocatedSize: nil, stream: 0, segmentType: nil,
                    blocks: [
                        SnapshotBlock(address: 0x4000, size: 512, requestedSize: 500, state: .activeAwaitingFree),
                        SnapshotBlock(address: 0x4200, size: (2 << 20) - 512, requestedSize: 0, state: .inactive),
                    ])
            ], deviceTraces: [])
        let run = AsRecordedRun(snapshot: snapshot, device: 0)
        #expect(run.state.regions.map(\.kind) == [.pending, .free])
        #expect(run.state.segments.first?.isSmallPool == true)  // 2 MiB: the small pool's
        #expect(run.state.stats.pendingFree == 512)
        #expect(run.endDifference() == nil)
        #expect(MemoryVizTotals(endOf: run).allocated == 0)  // _memory_viz counts active_allocated only
    }

    /// `_memory_viz.py stats FILE`'s output for each fixture, committed under
    /// `Fixtures/memory-viz-stats/` (see docs/formats.md for how it was made).
    static let statsFixtures = [
        "actions-p2", "actions-p4", "actions-p5", "generated-p4", "ring-buffer-p4", "segments-only-p2",
        "two-devices-p5",
    ]

    @Test("the end totals equal _memory_viz.py stats", arguments: statsFixtures)
    func totalsEqualPyTorchsOwnTool(name: String) throws {
        let snapshot = try MemorySnapshot.load(path: Fixture.path(name + ".pickle"))
        var totals = MemoryVizTotals()
        for device in snapshot.eventCounts.indices {
            var run = AsRecordedRun(snapshot: snapshot, device: device)
            _ = Self.finish(&run)
            #expect(run.endDifference() == nil, "\(name) device \(device)")
            totals = totals + MemoryVizTotals(endOf: run)
        }
        let golden = try String(contentsOfFile: Fixture.path("memory-viz-stats/\(name).txt"), encoding: .utf8)
        let expected = golden.split(separator: "\n").filter { $0.hasPrefix("total_") }.map(String.init)
        #expect(totals.lines == expected)
    }

    @Test func sizesAreFormattedAsMemoryVizFormatsThem() {
        #expect(MemoryVizTotals.format(0) == "0.0B")
        #expect(MemoryVizTotals.format(1023) == "1023.0B")
        #expect(MemoryVizTotals.format(1024) == "1.0KiB")
        #expect(MemoryVizTotals.format(20 << 20) == "20.0MiB")
        #expect(MemoryVizTotals.format((1 << 30) - (2 << 20)) == "1022.0MiB")
    }
}
