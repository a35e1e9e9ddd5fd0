/// Freeing a block: the descent by offset, coalescing, and keeping leaves well formed.
extension BlockNode {
    /// What a release reports to the node above.
    struct ReleaseResult {
        /// This node's largest free entry afterwards.
        var maxFree: Int
        /// Payload bytes the freed block held.
        var payload: Int
        /// Padding bytes the freed block held.
        var padding: Int
        /// When the freed run ended up first in a leaf that is not the pool's first, it was taken
        /// out of this subtree (which now starts later): its start, for the left neighbour to take.
        var detached: Int?
        /// The room at `roomAlignment` of the free entries that grew below this node (0 when
        /// none stayed here), for the parent's `roomBound`.
        var room: Int
        /// A new right sibling when this node had to split, retained for the caller to take
        /// (see `CarveResult.split`).
        var split: Unmanaged<BlockNode>?
        /// Why nothing was freed, when `offset` is not a live block's start. A result rather
        /// than a thrown error, so that no level pays for unwinding on the common path.
        var failure: PoolError?

        static func failed(_ failure: PoolError) -> ReleaseResult {
            ReleaseResult(maxFree: 0, payload: 0, padding: 0, detached: nil, room: 0, split: nil, failure: failure)
        }
    }

    /// Frees the block whose payload starts at `offset` below this node and merges it with its
    /// free neighbours. When `offset` is not a live block's start, reports why (`failure`)
    /// having changed nothing observable. This node must be uniquely referenced; children are
    /// made unique on the way down.
    /// - Complexity: O(log n): one descent by offset, O(slots) work per level.
    func release(offset: Int, end: Int, nodeMax: Int, counters: inout Counters) -> ReleaseResult {
        if isLeaf { return releaseInLeaf(offset: offset, end: end, nodeMax: nodeMax, counters: &counters) }
        let i = childIndex(containing: offset)
        prefetchChild(i)
        makeChildUnique(i)
        let oldChildMax = maxFree[i]
        let limit = childEnd(i, nodeEnd: end)
        // A leaf child is released directly, without a call to `release` that only dispatches.
        let result = withChild(i) { child in
            child.isLeaf
                ? child.releaseInLeaf(offset: offset, end: limit, nodeMax: oldChildMax, counters: &counters)
                : child.release(offset: offset, end: limit, nodeMax: oldChildMax, counters: &counters)
        }
        if result.failure != nil { return result }
        let (childCount, childCapacity) = withChild(i) { ($0.count, $0.slots) }
        var rescan = false  // the children's order changed: recompute the largest from scratch
        var index = i  // where child i is now
        if childCount == 0 {
            removeSlot(at: i)
            rescan = true
            index = -1
        } else {
            setStart(i, withChild(i) { $0.starts[0] })
            _ = setMaxFree(ofChild: i, to: result.maxFree)
            if result.room > roomBound[i] { roomBound[i] = result.room }
            payload[i] -= result.payload
            padding[i] -= result.padding
            blocks[i] -= 1
        }
        var split: BlockNode?
        var room = result.room
        var detached = result.detached
        if let run = detached, i > 0 {
            // The run now belongs at the end of child i - 1 (its end moved up to cover it).
            detached = nil
            let left = uniqueChild(i - 1)
            let leftEnd = childEnd(i - 1, nodeEnd: end)
            let extended = left.extendRight(
                from: run, end: leftEnd, nodeMax: maxFree[i - 1], freeBlocks: &counters.freeBlocks)
            _ = setMaxFree(ofChild: i - 1, to: extended.maxFree)
            if extended.room > roomBound[i - 1] { roomBound[i - 1] = extended.room }
            room = max(room, extended.room)
            if let right = extended.split {
                split = insertChild(right, after: i - 1, nodeEnd: end)
                rescan = true
                index = -1
            }
        } else if let right = result.split {
            split = insertChild(right.takeRetainedValue(), after: i, nodeEnd: end)
            rescan = true
            index = -1
        }
        if split == nil, index >= 0, childCount < childCapacity / 4, count > 1 {
            if mergeWithSibling(i, nodeEnd: end) { rescan = true }
        }
        let newMax = rescan || split != nil ? innerMaxFree() : largest
        return ReleaseResult(
            maxFree: newMax, payload: result.payload, padding: result.padding,
            detached: detached, room: room, split: split.map { .passRetained($0) }, failure: nil)
    }

    private func releaseInLeaf(offset: Int, end: Int, nodeMax: Int, counters: inout Counters) -> ReleaseResult {
        var j = entryIndex(containing: offset)
        let align = tags[j]
        guard align > 0 else { return .failed(.notAllocated(offset)) }
        let pad = Self.padding(start: starts[j], align: align)
        guard starts[j] + pad == offset else { return .failed(.notBlockStart(offset)) }
        let length = entryEnd(j, leafEnd: end) - starts[j]
        counters.used -= length
        counters.padding -= pad
        counters.blocks -= 1
        var merged = length
        if j + 1 < count, isFree(j + 1) {
            merged -= tags[j + 1]
            removeSlot(at: j + 1)
        } else {
            counters.freeBlocks += 1
        }
        if j > 0, isFree(j - 1) {
            merged -= tags[j - 1]
            removeSlot(at: j)
            j -= 1
            counters.freeBlocks -= 1
        }
        tags[j] = -merged
        if j == 0, starts[0] != 0 {
            // Only the pool's first leaf may start with a free entry: hand this one to the left.
            let run = starts[0]
            removeSlot(at: 0)
            return ReleaseResult(
                maxFree: leafMaxFree(), payload: length - pad, padding: pad,
                detached: run, room: 0, split: nil, failure: nil)
        }
        return ReleaseResult(
            maxFree: max(nodeMax, merged), payload: length - pad, padding: pad,
            detached: nil, room: Self.room(start: starts[j], length: merged), split: nil,
            failure: nil)
    }

    /// Extends this subtree's last entry range to cover the free run `from ..< end` that was
    /// taken out of the right neighbour: merged into the last entry when it is free, else
    /// appended as a new free entry.
    /// - Returns: this node's largest free entry afterwards; the room at `roomAlignment` of the
    ///   entry that took the run (for the parent's `roomBound`); a new right sibling, if this
    ///   node split.
    func extendRight(
        from run: Int, end: Int, nodeMax: Int, freeBlocks: inout Int
    ) -> (maxFree: Int, room: Int, split: BlockNode?) {
        if isLeaf {
            let last = count - 1
            if isFree(last) {
                freeBlocks -= 1  // the run and this entry are one free block now
                let length = end - starts[last]
                tags[last] = -length
                return (max(nodeMax, length), Self.room(start: starts[last], length: length), nil)
            }
            let room = Self.room(start: run, length: end - run)
            guard count == slots else {
                insertEntry(at: count, start: run, tag: run - end)
                return (max(nodeMax, end - run), room, nil)
            }
            let right = splitLeaf()
            right.insertEntry(at: right.count, start: run, tag: run - end)
            return (leafMaxFree(), room, right)
        }
        let last = count - 1
        let child = uniqueChild(last)
        let result = child.extendRight(from: run, end: end, nodeMax: maxFree[last], freeBlocks: &freeBlocks)
        if let right = result.split {
            maxFree[last] = result.maxFree
            let split = insertChild(right, after: last, nodeEnd: end)
            return (innerMaxFree(), result.room, split)
        }
        if result.room > roomBound[last] { roomBound[last] = result.room }
        return (setMaxFree(ofChild: last, to: result.maxFree), result.room, nil)
    }

    /// Inner: joins the small child `i` with a neighbour when both fit in one node.
    /// - Returns: whether they were joined.
    func mergeWithSibling(_ i: Int, nodeEnd: Int) -> Bool {
        let left = i + 1 < count ? i : i - 1
        // Counted through borrowed references: a strong one held here would make `uniqueChild`
        // below copy a child that only this node holds.
        let joined = withChild(left, \.count) + withChild(left + 1, \.count)
        guard joined <= withChild(left, \.slots) else { return false }
        let target = uniqueChild(left)
        target.absorb(uniqueChild(left + 1))  // a shared sibling is copied, never emptied
        removeSlot(at: left + 1)
        refreshSummary(ofChild: left, nodeEnd: nodeEnd)
        return true
    }
}
