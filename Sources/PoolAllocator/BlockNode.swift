/// One node of the block tree: a leaf of entries, or an inner node of children with their
/// summaries. Nodes are classes so snapshots of a pool share them; a mutation copies only the
/// nodes on its path that are shared (`BlockTree.makeUnique`).
///
/// A **leaf** holds up to `capacity` entries in address order. Entry `j` covers
/// `starts[j] ..< end(j)`, where `end(j)` is the next entry's start (or, for the last entry, the
/// start of the next leaf / the pool's end). `aligns[j] == 0` marks a free entry; a used entry
/// holds a block whose `pads[j]` padding bytes come first, then its payload.
///
/// An **inner** node holds up to `capacity` children; for child `i` it keeps its first byte
/// (`starts[i]`) and its summary: largest free entry (`maxFree`), payload bytes, padding bytes
/// and live blocks below it.
// Sendable like Array storage: a node is mutated only while uniquely referenced (copy on write).
final class BlockNode: @unchecked Sendable {
    /// Entries per leaf and children per inner node.
    static let capacity = 64

    let isLeaf: Bool
    var count: Int = 0
    /// Leaf: starts, pads, aligns. Inner: starts, maxFree, payload, padding, blocks.
    let ints: UnsafeMutablePointer<Int>
    /// Inner only: the children (initialized in `0..<count`).
    let kids: UnsafeMutablePointer<BlockNode>?

    static func intsPerNode(isLeaf: Bool) -> Int { (isLeaf ? 3 : 5) * capacity }

    init(isLeaf: Bool) {
        self.isLeaf = isLeaf
        ints = .allocate(capacity: Self.intsPerNode(isLeaf: isLeaf))
        kids = isLeaf ? nil : .allocate(capacity: Self.capacity)
    }

    deinit {
        if let kids {
            kids.deinitialize(count: count)
            kids.deallocate()
        }
        ints.deallocate()
    }

    /// A copy holding the same entries (or sharing the same children).
    func copy() -> BlockNode {
        let node = BlockNode(isLeaf: isLeaf)
        node.count = count
        let c = Self.capacity
        for lane in 0..<(isLeaf ? 3 : 5) {
            (node.ints + lane * c).update(from: ints + lane * c, count: count)
        }
        if let kids, let to = node.kids { to.initialize(from: kids, count: count) }
        return node
    }

    // MARK: Lanes

    @inline(__always) var starts: UnsafeMutablePointer<Int> { ints }
    // Leaf lanes.
    @inline(__always) var pads: UnsafeMutablePointer<Int> { ints + Self.capacity }
    @inline(__always) var aligns: UnsafeMutablePointer<Int> { ints + 2 * Self.capacity }
    // Inner lanes.
    @inline(__always) var maxFree: UnsafeMutablePointer<Int> { ints + Self.capacity }
    @inline(__always) var payload: UnsafeMutablePointer<Int> { ints + 2 * Self.capacity }
    @inline(__always) var padding: UnsafeMutablePointer<Int> { ints + 3 * Self.capacity }
    @inline(__always) var blocks: UnsafeMutablePointer<Int> { ints + 4 * Self.capacity }

    /// Leaf: one past entry `j`'s last byte, given the leaf's end.
    @inline(__always) func entryEnd(_ j: Int, leafEnd: Int) -> Int {
        j + 1 < count ? starts[j + 1] : leafEnd
    }

    /// Inner: one past child `i`'s last byte, given the node's end.
    @inline(__always) func childEnd(_ i: Int, nodeEnd: Int) -> Int {
        i + 1 < count ? starts[i + 1] : nodeEnd
    }

    // MARK: Searching

    /// Inner: the child whose range holds `offset` (`starts[0] <= offset` assumed).
    /// - Complexity: O(log capacity).
    @inline(__always) func childIndex(containing offset: Int) -> Int {
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Leaf: the entry holding `offset` (`starts[0] <= offset` assumed).
    @inline(__always) func entryIndex(containing offset: Int) -> Int {
        childIndex(containing: offset)
    }

    // MARK: Summaries

    /// Leaf: the largest free entry.
    func leafMaxFree(leafEnd: Int) -> Int {
        var best = 0
        for j in 0..<count where aligns[j] == 0 {
            best = max(best, entryEnd(j, leafEnd: leafEnd) - starts[j])
        }
        return best
    }

    /// Inner: the largest `maxFree` among the children.
    func innerMaxFree() -> Int {
        var best = 0
        for i in 0..<count { best = max(best, maxFree[i]) }
        return best
    }

    /// Largest free entry below this node.
    func subtreeMaxFree(end: Int) -> Int { isLeaf ? leafMaxFree(leafEnd: end) : innerMaxFree() }

    /// (payload, padding, blocks) below this node. - Complexity: O(capacity).
    func subtreeSums(end: Int) -> (payload: Int, padding: Int, blocks: Int) {
        var payloadSum = 0, paddingSum = 0, blockSum = 0
        if isLeaf {
            for j in 0..<count where aligns[j] != 0 {
                payloadSum += entryEnd(j, leafEnd: end) - starts[j] - pads[j]
                paddingSum += pads[j]
                blockSum += 1
            }
        } else {
            for i in 0..<count {
                payloadSum += payload[i]
                paddingSum += padding[i]
                blockSum += blocks[i]
            }
        }
        return (payloadSum, paddingSum, blockSum)
    }

    /// Inner: recomputes child `i`'s whole summary from the child itself.
    func refreshSummary(ofChild i: Int, nodeEnd: Int) {
        let child = kids![i]
        let end = childEnd(i, nodeEnd: nodeEnd)
        starts[i] = child.starts[0]
        maxFree[i] = child.subtreeMaxFree(end: end)
        let sums = child.subtreeSums(end: end)
        payload[i] = sums.payload
        padding[i] = sums.padding
        blocks[i] = sums.blocks
    }

    // MARK: Editing

    /// Opens a gap at `index` in every lane (and the children), count += 1. Capacity assumed.
    func openSlot(at index: Int) {
        let moving = count - index
        let c = Self.capacity
        for lane in 0..<(isLeaf ? 3 : 5) {
            let base = ints + lane * c + index
            if moving > 0 { (base + 1).update(from: base, count: moving) }
        }
        if let kids, moving > 0 { (kids + index + 1).moveInitialize(from: kids + index, count: moving) }
        count += 1
    }

    /// Removes slot `index` from every lane (and the child), count -= 1.
    func removeSlot(at index: Int) {
        let moving = count - index - 1
        let c = Self.capacity
        if let kids { (kids + index).deinitialize(count: 1) }
        for lane in 0..<(isLeaf ? 3 : 5) {
            let base = ints + lane * c + index
            if moving > 0 { base.update(from: base + 1, count: moving) }
        }
        if let kids, moving > 0 { (kids + index).moveInitialize(from: kids + index + 1, count: moving) }
        count -= 1
    }

    /// Leaf: inserts an entry at `index`. Capacity assumed.
    func insertEntry(at index: Int, start: Int, pad: Int, align: Int) {
        openSlot(at: index)
        starts[index] = start
        pads[index] = pad
        aligns[index] = align
    }

    /// Inner: inserts `child` at `index` and computes its summary. Capacity assumed.
    func insertChild(_ child: BlockNode, at index: Int, nodeEnd: Int) {
        openSlot(at: index)
        (kids! + index).initialize(to: child)
        refreshSummary(ofChild: index, nodeEnd: nodeEnd)
    }

    /// Moves slots `from...` into a new right sibling, keeping `0..<from` here.
    func splitOff(from index: Int) -> BlockNode {
        let right = BlockNode(isLeaf: isLeaf)
        let moving = count - index
        let c = Self.capacity
        for lane in 0..<(isLeaf ? 3 : 5) {
            (right.ints + lane * c).update(from: ints + lane * c + index, count: moving)
        }
        if let kids, let to = right.kids { to.moveInitialize(from: kids + index, count: moving) }
        right.count = moving
        count = index
        return right
    }

    /// Appends every slot of `right` (which must fit) and empties it.
    func absorb(_ right: BlockNode) {
        let c = Self.capacity
        for lane in 0..<(isLeaf ? 3 : 5) {
            (ints + lane * c + count).update(from: right.ints + lane * c, count: right.count)
        }
        if let kids, let from = right.kids { (kids + count).moveInitialize(from: from, count: right.count) }
        count += right.count
        right.count = 0
    }

    /// Bytes this node owns (its object and buffers), for the bookkeeping figure.
    var ownedBytes: Int {
        let object = 48
        let lanes = Self.intsPerNode(isLeaf: isLeaf) * MemoryLayout<Int>.stride
        let children = isLeaf ? 0 : Self.capacity * MemoryLayout<BlockNode>.stride
        return object + lanes + children
    }
}
