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
        for g in 0 ..< Self.innerGroups {
            groups |= Int(unsafeBitCast(groupMax[g] >= size, to: UInt8.self)) &<< g
        }
        while groups != 0 {
            let first = groups.trailingZeroBitCount &* Self.groupSlots
            groups &= groups &- 1
            var children = 0
            for k in 0 ..< Self.groupSlots {
                children |= Int(unsafeBitCast(maxFree[first &+ k] >= size, to: UInt8.self)) &<< k
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
        let attempt = borrowedChild(i)._withUnsafeGuaranteedRef {
            $0.carve(end: limit, nodeMax: oldChildMax, size: size, align: align, freeBlocks: &freeBlocks)
        }
        guard let result = attempt else { return nil }
        guard let newSibling = result.split else {
            payload[i] += size
            padding[i] += result.gap
            blocks[i] += 1
            let newMax = setMaxFree(ofChild: i, to: result.maxFree)
            return CarveResult(offset: result.offset, gap: result.gap, maxFree: newMax, split: nil)
        }
        let split = insertChild(newSibling.takeRetainedValue(), after: i, nodeEnd: end)
        return CarveResult(offset: result.offset, gap: result.gap, maxFree: innerMaxFree(),
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

    // MARK: Structure edits shared by carve and release

    /// Child `i`, copied first if another snapshot shares it.
    @inline(__always) func uniqueChild(_ i: Int) -> BlockNode {
        makeChildUnique(i)
        return kids![i]
    }

    /// Copies child `i` first if another snapshot shares it.
    @inline(__always) func makeChildUnique(_ i: Int) {
        let kids = self.kids!
        if childrenMayBeShared, !isKnownUniquelyReferenced(&kids[i]) {
            kids[i] = kids[i].copy()
            noteChildWords(i)
        }
    }

    /// Child `i` without a retain: this node holds it for as long as the caller uses it.
    @inline(__always) func borrowedChild(_ i: Int) -> Unmanaged<BlockNode> {
        Unmanaged.passUnretained(kids![i])
    }

    /// Leaf that is full: moves its upper half into a new right sibling. The split point is
    /// moved by one if needed so that the sibling starts with a used entry (no leaf but the
    /// first starts with a free entry; two free entries are never adjacent, so one move does).
    func splitLeaf() -> BlockNode {
        var k = count / 2
        if isFree(k) { k += 1 }
        return splitOff(from: k)
    }

    /// Inner: inserts `right`, a new sibling of child `i`, after it, refreshing both summaries
    /// (child `i` now ends where `right` starts). Splits this node when it is full.
    /// - Returns: this node's new right sibling, if it split.
    func insertChild(_ right: BlockNode, after i: Int, nodeEnd: Int) -> BlockNode? {
        if count < slots {
            insertChild(right, at: i + 1, nodeEnd: nodeEnd)
            refreshSummary(ofChild: i, nodeEnd: nodeEnd)
            return nil
        }
        let sibling = splitOff(from: count / 2)
        if i + 1 <= count {
            insertChild(right, at: i + 1, nodeEnd: sibling.starts[0])
            refreshSummary(ofChild: i, nodeEnd: sibling.starts[0])
        } else {
            let k = i - count
            sibling.insertChild(right, at: k + 1, nodeEnd: nodeEnd)
            sibling.refreshSummary(ofChild: k, nodeEnd: nodeEnd)
        }
        return sibling
    }
}
