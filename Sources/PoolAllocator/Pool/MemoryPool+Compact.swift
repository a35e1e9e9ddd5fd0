/// A pool kept flat: its entries as two arrays instead of a tree, for snapshots that are
/// kept long and restored seldom (the player's checkpoints).
extension MemoryPool {
    /// A pool's whole state with its tree flattened into the leaves' two words per entry, each
    /// in 32 bits below 2 GiB (`PackedInts`): 8 bytes an entry where the tree holds about 44
    /// (nodes three quarters full, inner summaries, separators). Snapshots in this form share
    /// nothing, so each holds exactly its arrays; `MemoryPool(_:)` builds the tree back.
    package struct Compact: Sendable {
        let totalSize: Int
        let counters: Counters
        let largestFree: Int
        let fitPolicy: FitPolicy
        let rover: Int
        let figures: PoolFigures
        /// Every entry's first byte, in address order.
        let starts: PackedInts
        /// Every entry's tag, as a leaf keeps it: a used entry's alignment, a free entry's
        /// length negated.
        let tags: PackedInts

        /// Counts into `tally` the storage this form holds: its arrays (never shared with
        /// another snapshot's) and the value itself.
        package func countStorage(in tally: inout StorageTally) {
            starts.countStorage(in: &tally)
            tags.countStorage(in: &tally)
            tally.add(unshared: MemoryLayout<Self>.stride)
        }
    }

    /// This pool in compact form.
    /// - Complexity: O(n), reading the leaves in address order.
    package var compact: Compact {
        let entries = counters.blocks + counters.freeBlocks
        var starts = PackedInts(capacity: entries)
        var tags = PackedInts(capacity: entries)
        func visit(_ node: BlockNode) {
            if node.isLeaf {
                starts.append(contentsOf: UnsafeBufferPointer(start: node.starts, count: node.count))
                tags.append(contentsOf: UnsafeBufferPointer(start: node.tags, count: node.count))
            } else {
                for i in 0..<node.count { visit(node.kids![i]) }
            }
        }
        visit(root)
        return Compact(
            totalSize: totalSize, counters: counters, largestFree: largestFree, fitPolicy: fitPolicy,
            rover: rover, figures: figures, starts: starts, tags: tags)
    }

    /// The pool `compact` was made from: the same entries, figures, policy and rover, so it
    /// places every later block where that pool would. Its tree is built anew (leaves three
    /// quarters full), and under best fit its size index too.
    /// - Complexity: O(n), plus O(f log f) for f free entries under best fit.
    package init(_ compact: Compact) {
        totalSize = compact.totalSize
        root = Self.buildTree(count: compact.starts.count, totalSize: compact.totalSize) {
            (compact.starts[$0], compact.tags[$0])
        }
        counters = compact.counters
        largestFree = compact.largestFree
        fitPolicy = compact.fitPolicy
        rover = compact.rover
        figures = compact.figures
        if fitPolicy == .best { sizeIndex = makeSizeIndex() }
        checkInvariants()
    }
}
