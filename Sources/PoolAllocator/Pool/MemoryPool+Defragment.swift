/// Compaction, and building a tree from entries in one pass.
extension MemoryPool {
    /// Slides every block as low as it can go, in address order: the first from 0, each next
    /// one to the lowest multiple of its alignment at or above the previous block's end (the gap
    /// becomes its padding, possibly 0, so `used` may grow). No block moves up; afterwards all
    /// free space is one block at the end, and the rover is back at 0.
    /// - Returns: old offset → new offset for **every** live block (unmoved ones map to
    ///   themselves), so `ptr = moved[ptr]!` updates any pointer.
    /// - Complexity: O(n).
    @discardableResult
    public mutating func defragment() -> [Int: Int] {
        var moved: [Int: Int] = Dictionary(minimumCapacity: counters.blocks)
        var entries: [Entry] = []
        entries.reserveCapacity(counters.blocks + 1)
        var cursor = 0
        var padding = 0
        forEachEntry { entry in
            guard !entry.isFree else { return }
            let block = entry.block
            let gap = BlockNode.padding(start: cursor, align: block.alignment)
            // The block sits at or above `cursor + gap` already (its old offset is such a
            // multiple), so nothing here can overflow or move a block up.
            moved[block.offset] = cursor + gap
            entries.append(Entry(start: cursor, end: cursor + gap + block.size, pad: gap, align: block.alignment))
            padding += gap
            cursor += gap + block.size
        }
        if cursor < totalSize { entries.append(Entry(start: cursor, end: totalSize, pad: 0, align: 0)) }
        root = Self.buildTree(entries, totalSize: totalSize)
        counters = Counters(
            used: cursor, padding: padding, blocks: counters.blocks,
            freeBlocks: cursor < totalSize ? 1 : 0)
        largestFree = totalSize - cursor
        rover = 0
        if sizeIndex != nil {
            sizeIndex = SizeIndex(
                sorted: cursor < totalSize ? [SizeIndex.Key(length: totalSize - cursor, start: cursor)] : [])
        }
        checkInvariants()
        return moved
    }

    /// A tree holding `entries` (address order, tiling `0 ..< totalSize`), leaves and inner
    /// nodes three quarters full so that both growth and shrinking stay cheap.
    /// - Complexity: O(n).
    static func buildTree(_ entries: [Entry], totalSize: Int) -> BlockNode {
        buildTree(count: entries.count, totalSize: totalSize) { index in
            let entry = entries[index]
            return (entry.start, entry.isFree ? entry.start - entry.end : entry.align)
        }
    }

    /// A tree holding `count` entries given by `entry(i)` as a leaf stores them: the start and
    /// the tag (a used entry's alignment, a free entry's length negated), in address order.
    /// - Complexity: O(count).
    static func buildTree(
        count: Int, totalSize: Int, entry: (_ index: Int) -> (start: Int, tag: Int)
    ) -> BlockNode {
        let fill = BlockNode.leafSlots * 3 / 4, innerFill = BlockNode.innerSlots * 3 / 4
        var level: [BlockNode] = []
        level.reserveCapacity(count / fill + 1)
        var leaf = BlockNode.make(isLeaf: true)
        for index in 0..<count {
            let (start, tag) = entry(index)
            // Cut only before a used entry: no leaf but the first may start with a free one.
            if leaf.count >= fill, tag > 0, index + 1 < count || leaf.count == BlockNode.leafSlots {
                level.append(leaf)
                leaf = BlockNode.make(isLeaf: true)
            }
            leaf.insertEntry(at: leaf.count, start: start, tag: tag)
        }
        level.append(leaf)
        while level.count > 1 {
            var parents: [BlockNode] = []
            var parent = BlockNode.make(isLeaf: false)
            for node in level {
                if parent.count == innerFill {
                    parents.append(parent)
                    parent = BlockNode.make(isLeaf: false)
                }
                parent.openSlot(at: parent.count)
                (parent.kids! + parent.count - 1).initialize(to: node)
                parent.noteChildWords(parent.count - 1)
                parent.starts[parent.count - 1] = node.starts[0]
            }
            parents.append(parent)
            for (k, node) in parents.enumerated() {
                let end = k + 1 < parents.count ? parents[k + 1].starts[0] : totalSize
                for i in 0..<node.count { node.refreshSummary(ofChild: i, nodeEnd: end) }
                node.refreshSeparators()
                node.innerMaxFree()
            }
            level = parents
        }
        return level[0]
    }
}
