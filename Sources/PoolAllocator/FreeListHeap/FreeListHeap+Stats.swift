extension FreeListHeap {
    /// The heap's figures in the pool's terms: `used` counts every allocated block's bytes
    /// (headers and the rounding's padding included), `padding` the rounding's bytes,
    /// `freeBlockCount` the free list's elements (adjacent ones count apart when they were not
    /// coalesced), `largestFree` the largest element, and fragmentation is `1 − largest / free`.
    /// - Complexity: O(n) for n elements and blocks.
    package var stats: PoolStats {
        let used = allocatedSizes.values.reduce(0, +)
        let free = freeList.reduce(0) { $0 + $1.size }
        let largest = freeList.map(\.size).max() ?? 0
        let padding = allocatedSizes.reduce(0) { total, block in
            total + max(0, block.value - headerSize - (requestedSizes[block.key] ?? 0))
        }
        return PoolStats(
            total: size, used: used, free: free, blockCount: allocatedSizes.count,
            fragmentation: free > 0 ? 1 - Double(largest) / Double(free) : 0, padding: padding,
            largestFree: largest, freeBlockCount: freeList.count)
    }
}
