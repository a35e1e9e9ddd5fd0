/// Carving a block out of a free entry: the descent, the leaf edit, and the summaries on the
/// way back up.
extension BlockNode {
    /// What a carve reports to the node above.
    struct CarveResult {
        /// The offset of the new block's payload.
        var offset: Int
        /// The padding before it.
        var gap: Int
        /// This node's largest free entry afterwards.
        var maxFree: Int
        /// A new right sibling when this node had to split, retained for the caller to take
        /// (`takeRetainedValue`): unmanaged so that passing results up costs no reference
        /// counting on the common path, where there is none.
        var split: Unmanaged<BlockNode>?
    }

    /// Carves a block of `size` bytes at the lowest multiple of `align` that has room, in the
    /// lowest free entry below this node that has one: the entry's bytes before that offset
    /// become the block's padding, the rest after it stays free.
    ///
    /// Only children whose largest free entry holds `size` bytes are entered. With `align` 1
    /// the first such child always holds the answer: one descent. Otherwise the cost is
    /// O((k + 1) log n), where k counts the entries of at least `size` bytes before the answer
    /// that hold no aligned offset with room (an entry of `size + align - 1` bytes always does).
    /// This node must be uniquely referenced; children are made unique on the way down.
    /// - Parameters:
    ///   - end: one past this node's last byte.
    ///   - nodeMax: this node's largest free entry before the carve.
    ///   - freeBlocks: decremented when the free entry is used up entirely.
    /// - Returns: nil, having changed nothing, when no entry below holds the block.
    /// - Complexity: O(log n) with `align` 1, else O((k + 1) log n) as above.
    func carve(end: Int, nodeMax: Int, size: Int, align: Int, freeBlocks: inout Int) -> CarveResult? {
        if isLeaf { return carveInLeaf(end: end, nodeMax: nodeMax, size: size, align: align, freeBlocks: &freeBlocks) }
        // Requests aligned to a multiple of `roomAlignment` also skip leaves without room at it.
        // (Above the leaves the bounds are kept but not used: every free raises them, and only
        // a leaf's bound is tightened cheaply after a search found no room in it.)
        let skipsByRoom = align % Self.roomAlignment == 0 && kids![0].isLeaf
        // Which groups, then which children of a group, have room: a bit mask from a fixed
        // number of comparisons (unused slots hold -1, unused groups 0), then its lowest set
        // bit. A scan stopping at the first fit would mispredict its exit at every level.
        var groups = 0
        for g in 0..<Self.innerGroups {
            groups |= Self.bit(groupMax[g] >= size) &<< g
        }
        while groups != 0 {
            let first = groups.trailingZeroBitCount &* Self.groupSlots
            groups &= groups &- 1
            var children = 0
            for k in 0..<Self.groupSlots {
                children |= Self.bit(maxFree[first &+ k] >= size) &<< k
            }
            while children != 0 {
                let i = first &+ children.trailingZeroBitCount
                children &= children &- 1
                if skipsByRoom, roomBound[i] < size { continue }
                if let result = carve(inChild: i, end: end, size: size, align: align, freeBlocks: &freeBlocks) {
                    return result
                }
                // No room below the child: its bound tightens, so the next search skips it.
                if skipsByRoom { roomBound[i] = kids![i].roomSummary() }
            }
        }
        return nil
    }

    /// Inner: carves below child `i` (whose largest free entry holds `size` bytes) and updates
    /// its summary; nil when only misaligned entries had room.
    @inline(__always)
    private func carve(inChild i: Int, end: Int, size: Int, align: Int, freeBlocks: inout Int) -> CarveResult? {
        prefetchChild(i)
        makeChildUnique(i)
        let oldChildMax = maxFree[i]
        let limit = childEnd(i, nodeEnd: end)
        // A leaf child is carved directly, without a call to `carve` that only dispatches.
        let attempt = withChild(i) { child in
            child.isLeaf
                ? child.carveInLeaf(end: limit, nodeMax: oldChildMax, size: size, align: align, freeBlocks: &freeBlocks)
                : child.carve(end: limit, nodeMax: oldChildMax, size: size, align: align, freeBlocks: &freeBlocks)
        }
        guard let result = attempt else { return nil }
        return noteCarve(result, inChild: i, end: end, size: size)
    }

    /// Inner: updates child `i`'s summary after a carve below it of `size` bytes reported
    /// `result`, taking in the child's new sibling if it split.
    /// - Returns: what this node reports in turn.
    @inline(__always)
    func noteCarve(_ result: CarveResult, inChild i: Int, end: Int, size: Int) -> CarveResult {
        guard let newSibling = result.split else {
            payload[i] += size
            padding[i] += result.gap
            blocks[i] += 1
            let newMax = setMaxFree(ofChild: i, to: result.maxFree)
            return CarveResult(offset: result.offset, gap: result.gap, maxFree: newMax, split: nil)
        }
        let split = insertChild(newSibling.takeRetainedValue(), after: i, nodeEnd: end)
        return CarveResult(
            offset: result.offset, gap: result.gap, maxFree: innerMaxFree(),
            split: split.map { Unmanaged.passRetained($0) })
    }

    private func carveInLeaf(end: Int, nodeMax: Int, size: Int, align: Int, freeBlocks: inout Int) -> CarveResult? {
        // A free entry of at least `size` bytes has a tag of at most `-size`; used entries'
        // tags are positive. One word per entry, and the loop's exit is its only branch.
        let fitting = 0 &- size
        let last = count
        var j = 0
        var gap = 0
        var length = 0
        while true {
            while j < last, tags[j] > fitting { j &+= 1 }
            guard j < last else { return nil }
            length = 0 &- tags[j]
            gap = align == 1 ? 0 : Self.padding(start: starts[j], align: align)
            if gap <= length &- size { break }
            j &+= 1
        }
        return carveEntry(
            j, length: length, gap: gap, nodeMax: nodeMax, size: size, align: align, freeBlocks: &freeBlocks)
    }

    /// Leaf: turns free entry `j` of `length` bytes into a block of `size` bytes after `gap`
    /// bytes of padding (`gap + size <= length`); what is left after the block stays free.
    /// Splits the leaf when that needs a slot and there is none.
    /// - Parameter nodeMax: the leaf's largest free entry before the carve.
    @inline(__always)
    func carveEntry(
        _ j: Int, length: Int, gap: Int, nodeMax: Int, size: Int, align: Int, freeBlocks: inout Int
    ) -> CarveResult {
        let start = starts[j]
        tags[j] = align  // the gap is its padding: `pad(j)` gives it back
        let rest = length - gap - size
        let restStart = start + gap + size
        if rest <= 0 || count < slots {
            if rest > 0 { insertEntry(at: j + 1, start: restStart, tag: -rest) } else { freeBlocks -= 1 }
            // Only when the leaf's largest entry was used does its maximum need a look.
            let newMax = length == nodeMax ? leafMaxFree() : nodeMax
            return CarveResult(offset: start + gap, gap: gap, maxFree: newMax, split: nil)
        }
        let right = splitLeaf()
        if j + 1 <= count {
            insertEntry(at: j + 1, start: restStart, tag: -rest)
        } else {
            right.insertEntry(at: j + 1 - count, start: restStart, tag: -rest)
        }
        return CarveResult(offset: start + gap, gap: gap, maxFree: leafMaxFree(), split: .passRetained(right))
    }

    /// Carves a block of `size` bytes at the lowest multiple of `align` in the free entry that
    /// starts at `target`, which must hold it (as the policies' searches choose it, e.g.
    /// `firstFit(endingAbove:need:size:align:)`): the entry's bytes before that offset become
    /// the block's padding, the rest after it stays free. This node must be uniquely
    /// referenced; children are made unique on the way down.
    /// - Parameters:
    ///   - end: one past this node's last byte.
    ///   - nodeMax: this node's largest free entry before the carve.
    ///   - freeBlocks: decremented when the free entry is used up entirely.
    /// - Complexity: O(log n): one descent by offset.
    func carve(at target: Int, end: Int, nodeMax: Int, size: Int, align: Int, freeBlocks: inout Int) -> CarveResult {
        if isLeaf {
            let j = entryIndex(containing: target)
            let length = 0 &- tags[j]
            let gap = Self.padding(start: target, align: align)
            assert(
                starts[j] == target && tags[j] < 0 && gap <= length - size, "carve(at:) needs a free entry that fits")
            return carveEntry(
                j, length: length, gap: gap, nodeMax: nodeMax, size: size, align: align, freeBlocks: &freeBlocks)
        }
        let i = childIndex(containing: target)
        prefetchChild(i)
        makeChildUnique(i)
        let oldChildMax = maxFree[i]
        let limit = childEnd(i, nodeEnd: end)
        let result = withChild(i) {
            $0.carve(at: target, end: limit, nodeMax: oldChildMax, size: size, align: align, freeBlocks: &freeBlocks)
        }
        return noteCarve(result, inChild: i, end: end, size: size)
    }
}
