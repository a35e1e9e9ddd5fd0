// INTERIM implementation (sorted array, O(n)): the public API is final, the
// O(log n) tree replaces the storage. Kept only while the tree is being written.

public struct MemoryPool: Sendable {
    struct Entry: Sendable { var start: Int; var pad: Int; var align: Int } // align 0 = free
    var entries: [Entry]
    public let totalSize: Int

    public init(totalSize: Int) throws {
        guard totalSize > 0 else { throw PoolError.invalidPoolSize(totalSize) }
        self.totalSize = totalSize
        entries = [Entry(start: 0, pad: 0, align: 0)]
    }

    func end(_ i: Int) -> Int { i + 1 < entries.count ? entries[i + 1].start : totalSize }

    public mutating func alloc(_ size: Int) throws -> Int? { try allocAligned(size, alignment: 1) }

    public mutating func allocAligned(_ size: Int, alignment: Int) throws -> Int? {
        guard size > 0 else { throw PoolError.invalidSize(size) }
        guard alignment > 0 else { throw PoolError.invalidAlignment(alignment) }
        for i in entries.indices where entries[i].align == 0 {
            let s = entries[i].start, e = end(i), len = e - s
            let r = s % alignment
            let gap = r == 0 ? 0 : alignment - r
            guard gap <= len, len - gap >= size else { continue }
            entries[i].align = alignment
            entries[i].pad = gap
            if len - gap > size { entries.insert(Entry(start: s + gap + size, pad: 0, align: 0), at: i + 1) }
            return s + gap
        }
        return nil
    }

    public mutating func free(_ offset: Int) throws {
        guard offset >= 0, offset < totalSize else { throw PoolError.offsetOutOfRange(offset) }
        var i = entries.count - 1
        while entries[i].start > offset { i -= 1 }
        if entries[i].align == 0 { throw PoolError.notAllocated(offset) }
        if entries[i].start + entries[i].pad != offset { throw PoolError.notBlockStart(offset) }
        entries[i].align = 0; entries[i].pad = 0
        if i + 1 < entries.count, entries[i + 1].align == 0 { entries.remove(at: i + 1) }
        if i > 0, entries[i - 1].align == 0 { entries.remove(at: i) }
    }

    public var stats: PoolStats {
        var used = 0, pad = 0, blocks = 0, largest = 0, freeBlocks = 0
        for i in entries.indices {
            let len = end(i) - entries[i].start
            if entries[i].align == 0 { largest = max(largest, len); freeBlocks += 1 }
            else { used += len; pad += entries[i].pad; blocks += 1 }
        }
        let free = totalSize - used
        return PoolStats(total: totalSize, used: used, free: free, blockCount: blocks,
                         fragmentation: free == 0 ? 0 : 1 - Double(largest) / Double(free),
                         padding: pad, largestFree: largest, freeBlockCount: freeBlocks)
    }

    public var blocks: [Block] {
        entries.indices.filter { entries[$0].align != 0 }.map { i in
            Block(offset: entries[i].start + entries[i].pad, size: end(i) - entries[i].start - entries[i].pad,
                  alignment: entries[i].align, padding: entries[i].pad)
        }
    }

    public mutating func defragment() -> [Int: Int] {
        var moved: [Int: Int] = [:]
        var newEntries: [Entry] = []
        var cursor = 0
        for b in blocks {
            let r = cursor % b.alignment
            let gap = r == 0 ? 0 : b.alignment - r
            newEntries.append(Entry(start: cursor, pad: gap, align: b.alignment))
            moved[b.offset] = cursor + gap
            cursor += gap + b.size
        }
        if cursor < totalSize { newEntries.append(Entry(start: cursor, pad: 0, align: 0)) }
        entries = newEntries
        return moved
    }

    public var regions: [Region] {
        var out: [Region] = []
        for i in entries.indices {
            let s = entries[i].start, e = end(i)
            if entries[i].align == 0 { out.append(Region(offset: s, size: e - s, kind: .free)); continue }
            if entries[i].pad > 0 { out.append(Region(offset: s, size: entries[i].pad, kind: .padding)) }
            out.append(Region(offset: s + entries[i].pad, size: e - s - entries[i].pad, kind: .used))
        }
        return out
    }

    public func usage(in range: Range<Int>) -> RangeUsage {
        let lo = max(0, range.lowerBound), hi = min(totalSize, range.upperBound)
        var u = RangeUsage(usedBytes: 0, paddingBytes: 0, freeBytes: 0, blockCount: 0, blocksBefore: 0)
        guard lo < hi else { return u }
        for i in entries.indices {
            let s = entries[i].start, e = end(i)
            if entries[i].align != 0 && e <= lo { u.blocksBefore += 1 }
            let a = max(s, lo), b = min(e, hi)
            guard a < b else { continue }
            if entries[i].align == 0 { u.freeBytes += b - a; continue }
            u.blockCount += 1
            let p = s + entries[i].pad
            u.paddingBytes += max(0, min(b, p) - a)
            u.usedBytes += max(0, b - max(a, p))
        }
        return u
    }

    public func block(containing byte: Int) -> Block? {
        blocks.first { $0.start <= byte && byte < $0.end }
    }
    public func block(at offset: Int) -> Block? { blocks.first { $0.offset == offset } }
    public func block(after offset: Int) -> Block? { blocks.first { $0.offset > offset } }
    public func block(before offset: Int) -> Block? { blocks.last { $0.offset < offset } }
    /// Bytes of the allocator's own storage (capacity × stride of everything it owns).
    public var bookkeepingBytes: Int { entries.capacity * MemoryLayout<Entry>.stride }
    public var firstBlock: Block? { blocks.first }
    public var lastBlock: Block? { blocks.last }
}
