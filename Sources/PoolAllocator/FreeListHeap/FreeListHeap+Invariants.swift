/// The heap's invariants, checked after every mutation when the `POOL_INTERNAL_CHECKS`
/// condition is set (debug builds, so the test suite); release builds compile the checks out.
extension FreeListHeap {
    @inline(__always)
    func checkInvariants() {
        #if POOL_INTERNAL_CHECKS
        verifyInvariants()
        #endif
    }

    /// Checks that the free elements and the allocated blocks partition the heap: those of
    /// non-zero size tile `baseAddress ..< baseAddress + size` exactly, the zero-size ones lie
    /// within `baseAddress ... baseAddress + size`, no size is negative, and the figures hold
    /// the live bytes and the highest block.
    /// - Complexity: O(n log n) for n elements and blocks.
    package func verifyInvariants() {
        let end = baseAddress + size
        let chunks = freeList + allocatedSizes.map { Chunk(address: $0.key, size: $0.value) }
        for chunk in chunks {
            precondition(chunk.size >= 0, "negative size at \(chunk.address)")
            precondition(
                chunk.address >= baseAddress && chunk.address + chunk.size <= end,
                "[\(chunk.address), +\(chunk.size)) outside the heap [\(baseAddress), \(end))")
        }
        var next = baseAddress
        for chunk in chunks.filter({ $0.size > 0 }).sorted(by: { $0.address < $1.address }) {
            precondition(chunk.address == next, "\(chunk.address) should be \(next): a gap or an overlap")
            next = chunk.address + chunk.size
        }
        precondition(next == end, "the chunks end at \(next), the heap at \(end)")
        precondition(
            liveBytes == requestedSizes.values.reduce(0, +), "live bytes \(liveBytes) disagree with the blocks")
        let highest = allocatedSizes.map { $0.key - baseAddress + $0.value }.max() ?? 0
        precondition(
            figures.peakLive >= liveBytes && figures.highWater >= highest && figures.highWater <= size,
            "figures \(figures) disagree with the heap")
    }
}
