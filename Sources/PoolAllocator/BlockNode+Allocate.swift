/// Carving a block out of a free entry: the descent, the leaf edit, and the summaries on the
/// way back up.
extension BlockNode {
    /// Which free entry a carve takes.
    enum CarveTarget {
        /// The lowest free entry of at least `size` bytes (plain first fit).
        case firstFit
        /// The free entry that starts at this offset (found beforehand by `findAligned`).
        case entry(startingAt: Int)
    }

    /// What a carve reports to the node above.
    struct CarveResult {
        /// The offset of the new block's payload.
        var offset: Int
        /// This node's largest free entry afterwards.
        var maxFree: Int
        /// A new right sibling when this node had to split.
        var split: BlockNode?
    }

    /// Turns a free entry below this node into a block of `gap` padding bytes then `size` bytes
    /// with alignment `align`; the rest of the entry stays free after it.
    /// This node must be uniquely referenced; children are made unique on the way down.
    /// - Parameters:
    ///   - end: one past this node's last byte.
    ///   - nodeMax: this node's largest free entry before the carve.
    ///   - freeBlocks: decremented when the free entry is used up entirely.
    /// - Complexity: O(log n) descents, O(capacity) work per level.
    func carve(end: Int, nodeMax: Int, target: CarveTarget, gap: Int, size: Int, align: Int,
               freeBlocks: inout Int) -> CarveResult {
        if isLeaf {
            return carveInLeaf(end: end, nodeMax: nodeMax, target: target, gap: gap, size: size,
                               align: align, freeBlocks: &freeBlocks)
        }
        let i: Int
        switch target {
        case .firstFit:
            var k = 0
            while maxFree[k] < size { k += 1 }
            i = k
        case .entry(let start):
            i = childIndex(containing: start)
        }
        unowned(unsafe) let child = uniqueChild(i)  // the parent holds it: no retain on the hot path
        let oldChildMax = maxFree[i]
        let result = child.carve(end: childEnd(i, nodeEnd: end), nodeMax: oldChildMax, target: target,
                                 gap: gap, size: size, align: align, freeBlocks: &freeBlocks)
        guard let right = result.split else {
            maxFree[i] = result.maxFree
            payload[i] += size
            padding[i] += gap
            blocks[i] += 1
            let newMax = (oldChildMax == nodeMax && result.maxFree < oldChildMax) ? innerMaxFree() : nodeMax
            return CarveResult(offset: result.offset, maxFree: newMax, split: nil)
        }
        let split = insertChild(right, after: i, nodeEnd: end)
        return CarveResult(offset: result.offset, maxFree: innerMaxFree(), split: split)
    }

    private func carveInLeaf(end: Int, nodeMax: Int, target: CarveTarget, gap: Int, size: Int,
                             align: Int, freeBlocks: inout Int) -> CarveResult {
        var j: Int
        var maxBefore: Int?  // with first fit: the largest free entry before j (all shorter than `size`)
        switch target {
        case .firstFit:
            j = 0
            var best = 0
            while true {
                if aligns[j] == 0 {
                    let length = entryEnd(j, leafEnd: end) - starts[j]
                    if length >= size { break }
                    best = length > best ? length : best
                }
                j += 1
            }
            maxBefore = best
        case .entry(let start):
            j = entryIndex(containing: start)
            maxBefore = nil
        }
        let start = starts[j]
        let length = entryEnd(j, leafEnd: end) - start
        aligns[j] = align  // the gap is its padding: `pad(j)` gives it back
        let rest = length - gap - size
        let restStart = start + gap + size
        if rest <= 0 || count < capacity {
            if rest > 0 { insertEntry(at: j + 1, start: restStart, align: 0) } else { freeBlocks -= 1 }
            // Only when the leaf's largest entry was used does its maximum need a look, and then
            // only from j on when first fit chose it.
            guard length == nodeMax else { return CarveResult(offset: start + gap, maxFree: nodeMax, split: nil) }
            let newMax = maxBefore.map { max($0, leafMaxFree(from: j, leafEnd: end)) } ?? leafMaxFree(leafEnd: end)
            return CarveResult(offset: start + gap, maxFree: newMax, split: nil)
        }
        let right = splitLeaf()
        if j + 1 <= count {
            insertEntry(at: j + 1, start: restStart, align: 0)
        } else {
            right.insertEntry(at: j + 1 - count, start: restStart, align: 0)
        }
        return CarveResult(offset: start + gap, maxFree: leafMaxFree(leafEnd: right.starts[0]), split: right)
    }

    /// The leftmost free entry below this node where an offset `o`, a multiple of `align`, has
    /// `o + size <= end` — the entry's start and the gap `o - start` — or nil.
    ///
    /// Only children whose largest free entry holds `size` bytes are entered, so the cost is
    /// O((k + 1) log n) where k counts the entries of at least `size` bytes before the answer
    /// that cannot hold an aligned offset (an entry of `size + align - 1` bytes always can).
    func findAligned(end: Int, size: Int, align: Int) -> (start: Int, gap: Int)? {
        if isLeaf {
            for j in 0..<count where aligns[j] == 0 {
                let start = starts[j]
                let length = entryEnd(j, leafEnd: end) - start
                guard length >= size else { continue }
                let gap = Self.padding(start: start, align: align)
                if gap <= length - size { return (start, gap) }
            }
            return nil
        }
        for i in 0..<count where maxFree[i] >= size {
            unowned(unsafe) let child = kids![i]  // held by this node: no retain on the hot path
            if let found = child.findAligned(end: childEnd(i, nodeEnd: end), size: size, align: align) {
                return found
            }
        }
        return nil
    }

    // MARK: Structure edits shared by carve and release

    /// Child `i`, copied first if another snapshot shares it.
    @inline(__always) func uniqueChild(_ i: Int) -> BlockNode {
        let kids = self.kids!
        if childrenMayBeShared, !isKnownUniquelyReferenced(&kids[i]) { kids[i] = kids[i].copy() }
        return kids[i]
    }

    /// Leaf that is full: moves its upper half into a new right sibling. The split point is
    /// moved by one if needed so that the sibling starts with a used entry (no leaf but the
    /// first starts with a free entry; two free entries are never adjacent, so one move does).
    func splitLeaf() -> BlockNode {
        var k = count / 2
        if aligns[k] == 0 { k += 1 }
        return splitOff(from: k)
    }

    /// Inner: inserts `right`, a new sibling of child `i`, after it, refreshing both summaries
    /// (child `i` now ends where `right` starts). Splits this node when it is full.
    /// - Returns: this node's new right sibling, if it split.
    func insertChild(_ right: BlockNode, after i: Int, nodeEnd: Int) -> BlockNode? {
        if count < capacity {
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
