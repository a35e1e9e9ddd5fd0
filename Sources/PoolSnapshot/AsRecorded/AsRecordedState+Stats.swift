import PoolAllocator

/// The figures of the as-recorded view: what PyTorch's allocator reports, over reserved
/// memory only (an unreserved range is no memory of the allocator's).
public struct AsRecordedStats: Equatable, Sendable {
    /// The bytes of the segments reserved.
    public var reserved: Int
    /// The bytes of blocks in use, awaiting-free ones included (PyTorch's rounded sizes).
    public var allocated: Int
    /// The bytes of blocks whose free was requested but not completed.
    public var pendingFree: Int
    /// Reserved bytes in no block: the segments' free blocks.
    public var reservedUnallocated: Int
    /// Free blocks: maximal free runs within one segment (a free run never spans two).
    public var freeBlocks: Int
    /// The largest of them.
    public var largestFree: Int

    /// 1 − largest free block / reserved-but-unallocated bytes; 0 when nothing is free.
    public var fragmentation: Double {
        reservedUnallocated == 0 ? 0 : 1 - Double(largestFree) / Double(reservedUnallocated)
    }
}

extension AsRecordedState {
    /// The figures now.
    /// - Complexity: O(s log n + f) for s segments and f free blocks in them.
    public var stats: AsRecordedStats {
        var stats = AsRecordedStats(
            reserved: reserved.bytes, allocated: pool.stats.used, pendingFree: pendingBytes, reservedUnallocated: 0,
            freeBlocks: 0, largestFree: 0)
        for segment in reserved.segments {
            guard let range = space.offsets(of: segment.address, size: segment.size) else { continue }
            for region in pool.regions(in: range) where region.kind == .free {
                stats.freeBlocks += 1
                stats.reservedUnallocated += region.size
                stats.largestFree = max(stats.largestFree, region.size)
            }
        }
        return stats
    }

    /// Why an allocation of `requested` bytes failed, from the state at that moment: `OOM: 2.00
    /// GiB requested; 0.80 GiB free on the device; 5.10 GiB reserved but unallocated in 37 free
    /// blocks, the largest 1.20 GiB` (the figures in the unit of the largest; the device's free
    /// bytes left out when the file does not say them).
    public func oomExplanation(requested: Int, deviceFree: Int?) -> String {
        let stats = self.stats
        let figures = SnapshotReplay.inOneUnit(
            [requested, deviceFree ?? 0, stats.reservedUnallocated, stats.largestFree])
        var text = "OOM: \(figures[0]) requested; "
        if deviceFree != nil { text += "\(figures[1]) free on the device; " }
        let blocks = stats.freeBlocks == 1 ? "1 free block" : "\(stats.freeBlocks) free blocks"
        text += "\(figures[2]) reserved but unallocated in \(blocks)"
        if stats.freeBlocks > 0 { text += ", the largest \(figures[3])" }
        return text
    }
}
