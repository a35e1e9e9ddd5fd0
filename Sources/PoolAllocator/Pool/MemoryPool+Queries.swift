/// Read-only views of the pool: regions, blocks, lookups and per-range byte counts.
extension MemoryPool {
    /// One entry of the tree: a free run, or a live block with its padding.
    struct Entry {
        var start: Int
        var end: Int
        var pad: Int
        /// 0 for a free run.
        var align: Int
        var isFree: Bool { align == 0 }
        var block: Block { Block(offset: start + pad, size: end - start - pad, alignment: align, padding: pad) }
    }

    /// Calls `body` for every entry in address order.
    /// - Complexity: O(n).
    func forEachEntry(_ body: (Entry) -> Void) {
        func visit(_ node: BlockNode, end: Int) {
            if node.isLeaf {
                for j in 0..<node.count {
                    body(
                        Entry(
                            start: node.starts[j], end: node.entryEnd(j, leafEnd: end), pad: node.pad(j),
                            align: node.align(j)))
                }
            } else {
                for i in 0..<node.count { visit(node.kids![i], end: node.childEnd(i, nodeEnd: end)) }
            }
        }
        visit(root, end: totalSize)
    }

    /// The entry holding byte `offset` (which must be in `0 ..< totalSize`).
    /// - Complexity: O(log n).
    func entry(containing offset: Int) -> Entry {
        var node = root, end = totalSize
        while !node.isLeaf {
            let i = node.childIndex(containing: offset)
            end = node.childEnd(i, nodeEnd: end)
            node = node.kids![i]
        }
        let j = node.entryIndex(containing: offset)
        return Entry(
            start: node.starts[j], end: node.entryEnd(j, leafEnd: end), pad: node.pad(j),
            align: node.align(j))
    }

    /// The pool as maximal runs of used, padding and free bytes, in address order. No region
    /// is empty; a block's padding comes right before its used region.
    /// - Complexity: O(n).
    public var regions: [Region] {
        var out: [Region] = []
        out.reserveCapacity(2 * counters.blocks + counters.freeBlocks)
        forEachEntry { entry in
            if entry.isFree {
                out.append(Region(offset: entry.start, size: entry.end - entry.start, kind: .free))
                return
            }
            if entry.pad > 0 { out.append(Region(offset: entry.start, size: entry.pad, kind: .padding)) }
            out.append(Region(offset: entry.start + entry.pad, size: entry.end - entry.start - entry.pad, kind: .used))
        }
        return out
    }

    /// The live blocks in address order.
    /// - Complexity: O(n).
    public var blocks: [Block] {
        var out: [Block] = []
        out.reserveCapacity(counters.blocks)
        forEachEntry { if !$0.isFree { out.append($0.block) } }
        return out
    }

    /// The live block whose padding or payload holds byte `offset`, if any.
    /// - Complexity: O(log n).
    public func block(containing offset: Int) -> Block? {
        guard offset >= 0, offset < totalSize else { return nil }
        let entry = entry(containing: offset)
        return entry.isFree ? nil : entry.block
    }

    /// The live block that starts (as `alloc` returned it) at `offset`, if any.
    /// - Complexity: O(log n).
    public func block(at offset: Int) -> Block? {
        guard let block = block(containing: offset), block.offset == offset else { return nil }
        return block
    }

    /// The first live block whose offset is greater than `offset`.
    /// - Complexity: O(log n).
    public func block(after offset: Int) -> Block? {
        guard offset < totalSize else { return nil }
        var probe = offset < 0 ? 0 : offset + 1
        while probe < totalSize {
            let entry = entry(containing: probe)
            if !entry.isFree, entry.start + entry.pad > offset { return entry.block }
            probe = entry.end  // at most two hops: free runs are never adjacent
        }
        return nil
    }

    /// The last live block whose offset is less than `offset`.
    /// - Complexity: O(log n).
    public func block(before offset: Int) -> Block? {
        guard offset > 0 else { return nil }
        var probe = min(offset, totalSize) - 1
        while probe >= 0 {
            let entry = entry(containing: probe)
            if !entry.isFree, entry.start + entry.pad < offset { return entry.block }
            probe = entry.start - 1
        }
        return nil
    }

    /// The live block with the lowest offset.
    /// - Complexity: O(log n).
    public var firstBlock: Block? { block(after: -1) }

    /// The live block with the highest offset.
    /// - Complexity: O(log n).
    public var lastBlock: Block? { block(before: totalSize) }

    /// Sums of everything before byte `x`: payload and padding bytes, blocks starting before
    /// `x`, and whether a block starts before `x` and runs past it.
    /// - Complexity: O(log n).
    private func prefix(_ x: Int) -> (payload: Int, padding: Int, blocks: Int, straddles: Bool) {
        guard x < totalSize else {
            return (counters.used - counters.padding, counters.padding, counters.blocks, false)
        }
        var payload = 0, padding = 0, blocks = 0
        var node = root, end = totalSize
        while !node.isLeaf {
            let i = node.childIndex(containing: x)
            for k in 0..<i {
                payload += node.payload[k]
                padding += node.padding[k]
                blocks += node.blocks[k]
            }
            end = node.childEnd(i, nodeEnd: end)
            node = node.kids![i]
        }
        let j = node.entryIndex(containing: x)
        for k in 0..<j where !node.isFree(k) {
            let gap = node.pad(k)
            payload += node.entryEnd(k, leafEnd: end) - node.starts[k] - gap
            padding += gap
            blocks += 1
        }
        let into = x - node.starts[j]
        guard !node.isFree(j), into > 0 else { return (payload, padding, blocks, false) }
        let pad = node.pad(j)
        return (payload + max(0, into - pad), padding + min(pad, into), blocks + 1, true)
    }

    /// How the bytes of `range` (clamped to the pool) divide between payload, padding and free
    /// space, how many live blocks touch it, and how many lie wholly before it.
    /// - Complexity: O(log n), whatever the range's size: what a map cell costs.
    public func usage(in range: Range<Int>) -> RangeUsage {
        let lo = min(max(range.lowerBound, 0), totalSize)
        let hi = min(max(range.upperBound, lo), totalSize)
        let before = lo == 0 ? (payload: 0, padding: 0, blocks: 0, straddles: false) : prefix(lo)
        let blocksBefore = before.blocks - (before.straddles ? 1 : 0)
        guard lo < hi else {
            return RangeUsage(usedBytes: 0, paddingBytes: 0, freeBytes: 0, blockCount: 0, blocksBefore: blocksBefore)
        }
        let through = prefix(hi)
        let payload = through.payload - before.payload
        let padding = through.padding - before.padding
        return RangeUsage(
            usedBytes: payload, paddingBytes: padding, freeBytes: hi - lo - payload - padding,
            blockCount: through.blocks - blocksBefore, blocksBefore: blocksBefore)
    }

    /// The regions of `range` (clamped to the pool), cut at its ends.
    /// - Complexity: O(log n + k) for k regions returned.
    public func regions(in range: Range<Int>) -> [Region] {
        let lo = max(range.lowerBound, 0), hi = min(range.upperBound, totalSize)
        var out: [Region] = []
        var probe = lo
        while probe < hi {
            let entry = entry(containing: probe)
            func add(_ from: Int, _ to: Int, _ kind: RegionKind) {
                let a = max(from, lo), b = min(to, hi)
                if a < b { out.append(Region(offset: a, size: b - a, kind: kind)) }
            }
            if entry.isFree {
                add(entry.start, entry.end, .free)
            } else {
                add(entry.start, entry.start + entry.pad, .padding)
                add(entry.start + entry.pad, entry.end, .used)
            }
            probe = entry.end
        }
        return out
    }

    /// Bytes of the allocator's own storage: every node's object and buffers (capacity ×
    /// stride), the size index's too under best fit, counted whole even when another snapshot
    /// shares them.
    /// - Complexity: O(n / 64).
    public var bookkeepingBytes: Int {
        func visit(_ node: BlockNode) -> Int {
            var bytes = node.ownedBytes
            if !node.isLeaf { for i in 0..<node.count { bytes += visit(node.kids![i]) } }
            return bytes
        }
        return MemoryLayout<MemoryPool>.stride + visit(root) + (sizeIndex?.ownedBytes ?? 0)
    }
}
