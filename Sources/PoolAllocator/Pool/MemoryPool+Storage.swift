extension MemoryPool {
    /// Counts into `tally` the storage of this pool that it has not counted yet: the tree's nodes
    /// and, under best fit, the size index's arrays. A node or array already counted is shared
    /// with a snapshot counted before, and so is everything below it, which is skipped.
    /// - Complexity: O(s · slots) for s nodes not counted before: proportional to the work that
    ///   made them (a mutation copies the shared nodes on its path).
    package func countStorage(in tally: inout StorageTally) {
        func visit(_ node: BlockNode) {
            guard tally.count(node, bytes: node.ownedBytes), !node.isLeaf else { return }
            for i in 0..<node.count { visit(node.kids![i]) }
        }
        visit(root)
        sizeIndex?.countStorage(in: &tally)
    }
}

extension SizeIndex {
    /// Counts the index's arrays not counted yet (see `MemoryPool.countStorage(in:)`).
    func countStorage(in tally: inout StorageTally) {
        func visit(_ node: Node) {
            tally.count(buffer: node.keys)
            if tally.count(buffer: node.children) { node.children.forEach(visit) }
        }
        visit(root)
    }
}
