/// Placing a block at a given offset inside a free entry: the descent by offset, the leaf
/// edit (the free bytes before the block stay free), and the summaries on the way back up.
extension BlockNode {
    /// Places a block of `size` bytes at `offset`, which lies in a free entry that holds
    /// `offset ..< offset + size` (the caller checked it): the entry's bytes before `offset`
    /// stay free, as do those after the block. No padding. This node must be uniquely
    /// referenced; children are made unique on the way down.
    /// - Parameters:
    ///   - end: one past this node's last byte.
    ///   - nodeMax: this node's largest free entry before the placement.
    ///   - freeBlocks: adjusted by the free entries gained or lost (−1, 0 or +1).
    /// - Complexity: O(log n): one descent by offset.
    func place(at offset: Int, size: Int, end: Int, nodeMax: Int, freeBlocks: inout Int) -> CarveResult {
        if isLeaf { return placeInLeaf(at: offset, size: size, nodeMax: nodeMax, freeBlocks: &freeBlocks) }
        let i = childIndex(containing: offset)
        prefetchChild(i)
        makeChildUnique(i)
        let oldChildMax = maxFree[i]
        let limit = childEnd(i, nodeEnd: end)
        let result = withChild(i) {
            $0.place(at: offset, size: size, end: limit, nodeMax: oldChildMax, freeBlocks: &freeBlocks)
        }
        return noteCarve(result, inChild: i, end: end, size: size)
    }

    /// Leaf: the placement in the free entry holding `offset`. At the entry's start it is a
    /// carve without padding; further in, the entry keeps the bytes before the block and the
    /// block (and the free rest after it, if any) become new entries, after a split of the
    /// leaf when it lacks the slots.
    private func placeInLeaf(at offset: Int, size: Int, nodeMax: Int, freeBlocks: inout Int) -> CarveResult {
        let j = entryIndex(containing: offset)
        let start = starts[j]
        let length = 0 &- tags[j]
        assert(tags[j] < 0 && offset - start <= length - size, "place(at:) needs a free entry that holds the block")
        if offset == start {
            return carveEntry(
                j, length: length, gap: 0, nodeMax: nodeMax, size: size, align: 1, freeBlocks: &freeBlocks)
        }
        let rest = start + length - offset - size
        // A full leaf splits first. Entry j keeps its index or moves to the right half; either
        // half has room for two entries, and the right one starts with a used entry as before.
        let right = count + (rest > 0 ? 2 : 1) > slots ? splitLeaf() : nil
        let movedRight = right != nil && j >= count
        let leaf = movedRight ? right! : self
        let k = movedRight ? j - count : j
        leaf.tags[k] = -(offset - start)
        leaf.insertEntry(at: k + 1, start: offset, tag: 1)
        if rest > 0 {
            leaf.insertEntry(at: k + 2, start: offset + size, tag: -rest)
            freeBlocks += 1
        }
        let newMax = right == nil && length != nodeMax ? nodeMax : leafMaxFree()
        return CarveResult(offset: offset, gap: 0, maxFree: newMax, split: right.map { .passRetained($0) })
    }
}
