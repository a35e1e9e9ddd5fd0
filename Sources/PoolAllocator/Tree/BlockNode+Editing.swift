/// Structure edits shared by carve, release and building: opening and removing slots,
/// splitting and joining nodes, and reaching children without copying or retaining them.
extension BlockNode {
    // MARK: Children

    /// Calls `body` with child `i`, neither retained before nor released after: this node
    /// holds the child for as long as `body` runs, and `body` must not replace `kids[i]`.
    /// Descents pass each child down this way, so a step down costs no reference counting.
    @inline(__always) func withChild<Result>(_ i: Int, _ body: (BlockNode) -> Result) -> Result {
        Unmanaged.passUnretained(kids![i])._withUnsafeGuaranteedRef(body)
    }

    /// Child `i`, copied first if another snapshot shares it.
    @inline(__always) func uniqueChild(_ i: Int) -> BlockNode {
        makeChildUnique(i)
        return kids![i]
    }

    /// Copies child `i` first if another snapshot shares it.
    /// - Complexity: O(1), or O(slots) when it copies.
    @inline(__always) func makeChildUnique(_ i: Int) {
        let kids = self.kids!
        if childrenMayBeShared, !isKnownUniquelyReferenced(&kids[i]) {
            kids[i] = kids[i].copy()
            noteChildWords(i)
        }
    }

    // MARK: Slots

    /// Opens a gap at `index` in every lane (and the children), count += 1. Capacity assumed;
    /// the gap's words and separators are left for the caller to fill.
    /// - Complexity: O(slots).
    func openSlot(at index: Int) {
        let moving = count - index
        if moving > 0 {
            for k in 0..<lanes {
                let (first, width) = lane(k)
                let base = first + index &* width
                (base + width).update(from: base, count: moving &* width)
            }
        }
        if let kids, moving > 0 { (kids + index + 1).moveInitialize(from: kids + index, count: moving) }
        count += 1
    }

    /// Removes slot `index` from every lane (and the child), count -= 1, with the freed slot's
    /// sentinels and the separators put back.
    /// - Complexity: O(slots).
    func removeSlot(at index: Int) {
        let moving = count - index - 1
        if let kids { (kids + index).deinitialize(count: 1) }
        if moving > 0 {
            for k in 0..<lanes {
                let (first, width) = lane(k)
                let base = first + index &* width
                base.update(from: base + width, count: moving &* width)
            }
        }
        if let kids, moving > 0 { (kids + index).moveInitialize(from: kids + index + 1, count: moving) }
        count -= 1
        clearSlots(from: count, count: 1)
        refreshSeparators()
    }

    /// Leaf: inserts an entry at `index` with its tag (see `tags`). Capacity assumed.
    /// - Complexity: O(slots).
    func insertEntry(at index: Int, start: Int, tag: Int) {
        openSlot(at: index)
        starts[index] = start
        tags[index] = tag
        refreshSeparators()
    }

    /// Inner: inserts `child` at `index` and computes its summary. Capacity assumed; this
    /// node's group maxima and `largest` are left to the caller (`innerMaxFree`).
    /// - Complexity: O(slots).
    func insertChild(_ child: BlockNode, at index: Int, nodeEnd: Int) {
        openSlot(at: index)
        (kids! + index).initialize(to: child)
        noteChildWords(index)
        refreshSummary(ofChild: index, nodeEnd: nodeEnd)
        refreshSeparators()
    }

    // MARK: Splitting and joining

    /// Moves slots `index...` into a new right sibling, keeping `0..<index` here. Summaries
    /// other than the lanes' are left to the caller.
    /// - Complexity: O(slots).
    func splitOff(from index: Int) -> BlockNode {
        let right = BlockNode.make(isLeaf: isLeaf)
        let moving = count - index
        for k in 0..<lanes {
            let (first, width) = lane(k)
            (right.ints + (first - ints)).update(from: first + index * width, count: moving * width)
        }
        if let kids, let to = right.kids {
            to.moveInitialize(from: kids + index, count: moving)
            // Children that another node may hold stay marked so wherever they go.
            right.childrenMayBeShared = childrenMayBeShared
        }
        right.count = moving
        count = index
        clearSlots(from: index, count: moving)
        refreshSeparators()
        right.refreshSeparators()
        return right
    }

    /// Appends every slot of `right` (which must fit) and empties it.
    /// - Complexity: O(slots).
    func absorb(_ right: BlockNode) {
        for k in 0..<lanes {
            let (first, width) = lane(k)
            (first + count * width).update(from: right.ints + (first - ints), count: right.count * width)
        }
        if let kids, let from = right.kids {
            (kids + count).moveInitialize(from: from, count: right.count)
            if right.childrenMayBeShared { childrenMayBeShared = true }
        }
        count += right.count
        right.clearSlots(from: 0, count: right.count)
        right.count = 0
        refreshSeparators()
        right.refreshSeparators()
    }

    /// Leaf that is full: moves its upper half into a new right sibling. The split point is
    /// moved by one if needed so that the sibling starts with a used entry (no leaf but the
    /// first starts with a free entry; two free entries are never adjacent, so one move does).
    /// - Complexity: O(slots).
    func splitLeaf() -> BlockNode {
        var k = count / 2
        if isFree(k) { k += 1 }
        return splitOff(from: k)
    }

    /// Inner: inserts `right`, a new sibling of child `i`, after it, refreshing both summaries
    /// (child `i` now ends where `right` starts). Splits this node when it is full.
    /// - Returns: this node's new right sibling, if it split.
    /// - Complexity: O(slots).
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
