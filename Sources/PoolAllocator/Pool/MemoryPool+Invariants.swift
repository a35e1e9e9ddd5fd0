/// The tree's invariants, written once and checked after every mutation when the
/// `POOL_INTERNAL_CHECKS` condition is set (debug builds, so the test suite); release builds
/// compile the checks out.
extension MemoryPool {
    /// Up to this many entries the whole tree is walked after every mutation. Beyond it the
    /// root's figures are checked after every mutation and the whole tree after one mutation in
    /// `entries / fullCheckLimit`, so checking costs O(fullCheckLimit) per mutation on average
    /// and debug builds (the test suite too) stay usable for large pools.
    static let fullCheckLimit = 2_048

    /// Whether this build checks the invariants after every mutation (`POOL_INTERNAL_CHECKS`):
    /// the fuzz targets refuse to run without them.
    @_spi(Testing) public static var checksInvariants: Bool {
        #if POOL_INTERNAL_CHECKS
        return true
        #else
        return false
        #endif
    }

    @inline(__always)
    mutating func checkInvariants() {
        #if POOL_INTERNAL_CHECKS
        let entries = counters.blocks + counters.freeBlocks
        mutationsSinceFullCheck += 1
        if entries <= Self.fullCheckLimit || mutationsSinceFullCheck >= entries / Self.fullCheckLimit {
            mutationsSinceFullCheck = 0
            verifyInvariants()
        } else {
            verifyRoot()
        }
        #endif
    }

    /// Checks the pool-wide figures against the root's summaries.
    /// - Complexity: O(slots).
    func verifyRoot() {
        precondition(counters.used >= 0 && counters.used <= totalSize && counters.padding >= 0)
        precondition(counters.blocks >= 0 && counters.freeBlocks >= 0)
        precondition(largestFree == root.scannedMaxFree(), "largest free block out of date")
        precondition(rover >= 0 && rover <= totalSize, "rover \(rover) outside 0...\(totalSize)")
        precondition(
            figures.peakLive >= counters.used - counters.padding && figures.highWater <= totalSize
                && figures.highWater >= figures.peakLive,
            "figures \(figures) disagree with the pool")
        precondition((sizeIndex != nil) == (fitPolicy == .best), "a size index exactly under best fit")
        if let sizeIndex {
            precondition(
                sizeIndex.count == counters.freeBlocks,
                "size index count \(sizeIndex.count) != free blocks \(counters.freeBlocks)")
        }
        if !root.isLeaf {
            var payload = 0, padding = 0, blocks = 0
            for i in 0..<root.count {
                payload += root.payload[i]
                padding += root.padding[i]
                blocks += root.blocks[i]
            }
            precondition(
                payload + padding == counters.used && padding == counters.padding && blocks == counters.blocks,
                "root sums disagree with the pool-wide sums")
        }
    }

    /// What a subtree's walk found below it, for comparison with its parent's summary.
    struct SubtreeFigures {
        /// The largest free entry.
        var maxFree = 0
        /// Payload bytes of the live blocks.
        var payload = 0
        /// Padding bytes of the live blocks.
        var padding = 0
        /// Live blocks.
        var blocks = 0
    }

    /// Walks the whole tree and stops the program at the first broken invariant.
    /// - Complexity: O(n).
    func verifyInvariants() {
        precondition(totalSize > 0)
        verifyRoot()
        var sums = Counters()
        var cursor = 0
        var previousFree = false
        var leafDepth = -1
        let highWater = figures.highWater
        func visit(_ node: BlockNode, start: Int, end: Int, depth: Int) -> SubtreeFigures {
            precondition(node.count >= 1 && node.count <= node.slots, "node count \(node.count)")
            precondition(node.starts[0] == start, "node start \(node.starts[0]) != \(start)")
            for g in 0..<BlockNode.separatorWords(node.slots) {
                precondition(
                    node.separators[g] == node.starts[g * BlockNode.groupSlots], "separator out of date at \(start)")
            }
            for j in node.count..<node.slots {
                precondition(node.starts[j] == .max, "unused slot \(j) not at Int.max at \(start)")
                if node.isLeaf {
                    precondition(node.tags[j] == .max, "unused slot \(j) not tagged used at \(start)")
                } else {
                    precondition(node.maxFree[j] == -1, "unused slot \(j) has room at \(start)")
                }
            }
            if node.isLeaf {
                if leafDepth < 0 { leafDepth = depth }
                precondition(leafDepth == depth, "leaves at different depths")
                precondition(start == 0 || !node.isFree(0), "leaf at \(start) starts with a free entry")
                for j in 0..<node.count {
                    let s = node.starts[j], e = node.entryEnd(j, leafEnd: end)
                    precondition(s == cursor, "gap or overlap at \(cursor)")
                    precondition(e > s, "empty entry at \(s)")
                    let pad = node.pad(j), align = node.align(j)
                    precondition(node.tags[j] != 0, "entry at \(s) neither used nor free")
                    if align == 0 {
                        precondition(node.tags[j] == s - e, "free entry at \(s) has a stale length")
                        precondition(!previousFree, "adjacent free entries at \(s)")
                        if let sizeIndex {
                            precondition(
                                sizeIndex.contains(SizeIndex.Key(length: e - s, start: s)),
                                "the size index lacks the free entry at \(s)")
                        }
                        sums.freeBlocks += 1
                    } else {
                        precondition(align > 0 && pad >= 0 && pad < align && pad < e - s, "bad block at \(s)")
                        precondition((s + pad) % align == 0, "misaligned block at \(s + pad)")
                        precondition(e <= highWater, "block at \(s + pad) ends above the high-water mark")
                        sums.used += e - s
                        sums.padding += pad
                        sums.blocks += 1
                    }
                    previousFree = align == 0
                    cursor = e
                }
                let leafSums = node.subtreeSums(end: end)
                return SubtreeFigures(
                    maxFree: node.leafMaxFree(), payload: leafSums.payload,
                    padding: leafSums.padding, blocks: leafSums.blocks)
            }
            var figures = SubtreeFigures()
            for g in 0..<BlockNode.innerGroups {
                var groupBest = 0
                for i in g * BlockNode.groupSlots..<(g + 1) * BlockNode.groupSlots {
                    groupBest = max(groupBest, node.maxFree[i])
                }
                precondition(node.groupMax[g] == groupBest, "group maximum wrong at \(start)")
            }
            for i in 0..<node.count {
                let childStart = node.starts[i], childEnd = node.childEnd(i, nodeEnd: end)
                precondition(childStart < childEnd, "empty child")
                let got = visit(node.kids![i], start: childStart, end: childEnd, depth: depth + 1)
                precondition(got.maxFree == node.maxFree[i], "maxFree summary wrong at \(childStart)")
                precondition(
                    node.childWords[i] == Int(bitPattern: node.kids![i].words),
                    "child words out of date at \(childStart)")
                precondition(node.roomBound[i] >= node.kids![i].roomSummary(), "room bound too low at \(childStart)")
                precondition(
                    got.payload == node.payload[i] && got.padding == node.padding[i]
                        && got.blocks == node.blocks[i], "sums summary wrong at \(childStart)")
                figures.maxFree = max(figures.maxFree, got.maxFree)
                figures.payload += got.payload
                figures.padding += got.padding
                figures.blocks += got.blocks
            }
            precondition(node.largest == figures.maxFree, "largest child summary wrong at \(start)")
            return figures
        }
        _ = visit(root, start: 0, end: totalSize, depth: 0)
        precondition(cursor == totalSize, "entries end at \(cursor), not \(totalSize)")
        precondition(sums == counters, "pool-wide sums \(counters) != entries \(sums)")
        // The index holds every free entry (checked at each above) and, its keys strictly
        // ascending and as many as the free entries (`verifyRoot`), nothing else.
        sizeIndex?.verify()
    }
}
