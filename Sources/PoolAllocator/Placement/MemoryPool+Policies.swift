/// Next, best and worst fit: each chooses a free entry with a read-only search, then
/// `BlockNode.carve(at:)` carves it in one descent by offset. Best fit's size index is kept in
/// step here, around the tree's carves and releases.
extension MemoryPool {
    /// Allocates under next, best or worst fit (first fit never comes here).
    /// - Complexity: O((k + 1) log n), k as in `allocAligned`.
    mutating func carveByPolicy(size: Int, align: Int) -> Int? {
        let chosen: BlockNode.FreeEntry?
        switch fitPolicy {
        case .first: chosen = root.firstFit(endingAbove: 0, need: size, size: size, align: align)
        case .next: chosen = nextFit(size: size, align: align)
        case .best: chosen = bestFit(size: size, align: align)
        case .worst: chosen = worstFit(size: size, align: align)
        }
        guard let chosen else { return nil }
        makeRootUnique()
        let result = root.carve(
            at: chosen.start, end: totalSize, nodeMax: largestFree, size: size, align: align,
            freeBlocks: &counters.freeBlocks)
        noteCarve(result, size: size)
        if sizeIndex != nil {
            // The free entry became the block (with its padding) and, after it, a shorter one.
            sizeIndex!.remove(SizeIndex.Key(length: chosen.length, start: chosen.start))
            let rest = chosen.start + chosen.length - rover
            if rest > 0 { sizeIndex!.insert(SizeIndex.Key(length: rest, start: rover)) }
        }
        checkInvariants()
        return result.offset
    }

    /// The first fitting entry ending above the rover (or above 0 when the rover is at the
    /// pool's end), else the first fitting entry from offset 0.
    /// - Complexity: O((k + 1) log n); an entry skipped in the first pass is never visited in
    ///   the second, which stops below it.
    func nextFit(size: Int, align: Int) -> BlockNode.FreeEntry? {
        let floor = rover == totalSize ? 0 : rover
        if let found = root.firstFit(endingAbove: floor, need: size, size: size, align: align) { return found }
        guard floor > 0 else { return nil }
        return root.firstFit(endingAbove: 0, need: size, size: size, align: align)
    }

    /// The shortest fitting entry, the lowest among equals: the first key of the size index,
    /// from `size` bytes up in (length, start) order, whose entry holds the block at its
    /// alignment.
    /// - Complexity: O(log n + k).
    func bestFit(size: Int, align: Int) -> BlockNode.FreeEntry? {
        guard let index = sizeIndex else { preconditionFailure("best fit without its size index") }
        return index.bestFit(size: size, align: align).map { BlockNode.FreeEntry(start: $0.start, length: $0.length) }
    }

    /// The longest fitting entry, the lowest among equals. When even the shortest of the
    /// longest entries (`largestFree` bytes) holds the block wherever it starts, that is the
    /// lowest of them: one first-fit descent. Otherwise a best-first search.
    /// - Complexity: O(log n) when `largestFree - size >= align - 1` (always for `align` 1),
    ///   else O((k + 1) log n).
    func worstFit(size: Int, align: Int) -> BlockNode.FreeEntry? {
        if largestFree - size >= align - 1 {
            return root.firstFit(endingAbove: 0, need: largestFree, size: size, align: align)
        }
        return BlockNode.largestFit(below: root, rootMax: largestFree, size: size, align: align)
    }

    /// Brings the size index up to date after the block that covered `start ..< end` was
    /// freed: the free neighbours it merged with go, the merged run comes in.
    /// - Complexity: O(log n).
    mutating func noteFreed(start: Int, end: Int) {
        let merged = entry(containing: start)
        if merged.start < start { sizeIndex!.remove(SizeIndex.Key(length: start - merged.start, start: merged.start)) }
        if merged.end > end { sizeIndex!.remove(SizeIndex.Key(length: merged.end - end, start: end)) }
        sizeIndex!.insert(SizeIndex.Key(length: merged.end - merged.start, start: merged.start))
    }

    /// A size index of the free entries as they are.
    /// - Complexity: O(n + f log f) for f free entries.
    func makeSizeIndex() -> SizeIndex {
        var keys: [SizeIndex.Key] = []
        keys.reserveCapacity(counters.freeBlocks)
        forEachEntry { entry in
            if entry.isFree { keys.append(SizeIndex.Key(length: entry.end - entry.start, start: entry.start)) }
        }
        keys.sort()
        return SizeIndex(sorted: keys)
    }
}
