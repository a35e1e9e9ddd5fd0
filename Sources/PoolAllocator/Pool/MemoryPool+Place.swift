/// Placing a block where it is known to be: a recorded allocator's layout (PyTorch's caching
/// allocator in a CUDA memory snapshot) rebuilt block by block.
extension MemoryPool {
    /// Allocates `size` bytes at exactly `offset`, which with the `size - 1` bytes after it
    /// must lie inside one free block; the free bytes before and after the new block stay free.
    /// No policy is consulted and no padding made. The rover moves to the block's end and the
    /// figures take the block in, as for any allocation.
    /// - Throws: `PoolError.invalidSize` when `size <= 0` (checked first),
    ///   `offsetOutOfRange` when `offset` is negative or not below the total size,
    ///   `rangeNotFree` when `offset ..< offset + size` is not inside one free block (part of
    ///   it in use, or beyond the pool's end). A thrown error changes nothing.
    /// - Complexity: O(log n), n = blocks, under every policy.
    public mutating func place(_ size: Int, at offset: Int) throws(PoolError) {
        guard size > 0 else { throw .invalidSize(size) }
        guard offset >= 0, offset < totalSize else { throw .offsetOutOfRange(offset) }
        let free = entry(containing: offset)
        // `size <= end - offset` rather than `offset + size <= end`: sizes may be hostile.
        guard free.isFree, size <= free.end - offset else { throw .rangeNotFree(offset: offset, size: size) }
        makeRootUnique()
        let result = root.place(
            at: offset, size: size, end: totalSize, nodeMax: largestFree, freeBlocks: &counters.freeBlocks)
        noteCarve(result, size: size)
        if sizeIndex != nil {
            // The free entry became the bytes before the block, the block and the bytes after it.
            sizeIndex!.remove(SizeIndex.Key(length: free.end - free.start, start: free.start))
            if offset > free.start { sizeIndex!.insert(SizeIndex.Key(length: offset - free.start, start: free.start)) }
            if free.end > rover { sizeIndex!.insert(SizeIndex.Key(length: free.end - rover, start: rover)) }
        }
        checkInvariants()
    }
}
