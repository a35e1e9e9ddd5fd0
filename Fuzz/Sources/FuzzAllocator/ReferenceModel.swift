// A copy of Tests/PoolAllocatorTests/ReferenceModel.swift (the fuzz package can only use the
// main package's products, and the tests' support is none). Keep the two in step; the queries
// the fuzzer compares besides (`block(at:)`, `usage(in:)`, …) are in ReferenceModel+Queries.swift.

import PoolAllocator

/// A deliberately naive model of `MemoryPool`, written to be obviously right rather than fast.
///
/// It keeps only the live blocks, sorted by address. Free space is never stored: it is whatever
/// lies between blocks, so free runs are maximal by construction (coalescing is implicit), and
/// first fit is a linear walk over those gaps. Everything else (stats, regions, defragment) is
/// recomputed from the block list on demand. Every operation is O(n) or worse; that is the point.
///
/// Arithmetic never overflows for hostile sizes and alignments: a fit test compares
/// `gap <= room` and `size <= room - gap` instead of adding.
struct ReferenceModel {
    let total: Int
    /// Live blocks in address order.
    private(set) var blocks: [Block] = []

    init(total: Int) { self.total = total }

    /// A model that starts from a known layout (blocks in address order, not overlapping).
    init(total: Int, blocks: [Block]) {
        self.total = total
        self.blocks = blocks
    }

    /// The free gaps between blocks, in address order, as half-open ranges (never empty).
    var freeGaps: [Range<Int>] {
        var gaps: [Range<Int>] = []
        var cursor = 0
        for block in blocks {
            if block.start > cursor { gaps.append(cursor..<block.start) }
            cursor = block.end
        }
        if cursor < total { gaps.append(cursor..<total) }
        return gaps
    }

    mutating func alloc(_ size: Int) throws(PoolError) -> Int? {
        try allocAligned(size, alignment: 1)
    }

    mutating func allocAligned(_ size: Int, alignment: Int) throws(PoolError) -> Int? {
        guard size > 0 else { throw .invalidSize(size) }
        guard alignment > 0 else { throw .invalidAlignment(alignment) }
        for gap in freeGaps {
            let remainder = gap.lowerBound % alignment
            let padding = remainder == 0 ? 0 : alignment - remainder
            let room = gap.count
            guard padding <= room, size <= room - padding else { continue }
            let block = Block(
                offset: gap.lowerBound + padding, size: size,
                alignment: alignment, padding: padding)
            let index = blocks.firstIndex { $0.start > block.start } ?? blocks.count
            blocks.insert(block, at: index)
            return block.offset
        }
        return nil
    }

    /// The error `free(offset)` must throw, or nil when the offset is a live block's start.
    func freeError(_ offset: Int) -> PoolError? {
        guard offset >= 0, offset < total else { return .offsetOutOfRange(offset) }
        if blocks.contains(where: { $0.offset == offset }) { return nil }
        if blocks.contains(where: { $0.start <= offset && offset < $0.end }) {
            return .notBlockStart(offset)
        }
        return .notAllocated(offset)
    }

    mutating func free(_ offset: Int) throws(PoolError) {
        if let error = freeError(offset) { throw error }
        blocks.removeAll { $0.offset == offset }
    }

    mutating func defragment() -> [Int: Int] {
        var moved: [Int: Int] = [:]
        var cursor = 0
        for index in blocks.indices {
            let old = blocks[index]
            let remainder = cursor % old.alignment
            let padding = remainder == 0 ? 0 : old.alignment - remainder
            let new = Block(
                offset: cursor + padding, size: old.size,
                alignment: old.alignment, padding: padding)
            moved[old.offset] = new.offset
            blocks[index] = new
            cursor = new.end
        }
        return moved
    }

    var stats: PoolStats {
        let used = blocks.reduce(0) { $0 + $1.padding + $1.size }
        let padding = blocks.reduce(0) { $0 + $1.padding }
        let gaps = freeGaps
        let largest = gaps.map(\.count).max() ?? 0
        let free = total - used
        return PoolStats(
            total: total, used: used, free: free, blockCount: blocks.count,
            fragmentation: free == 0 ? 0 : 1 - Double(largest) / Double(free),
            padding: padding, largestFree: largest, freeBlockCount: gaps.count)
    }

    var regions: [Region] {
        var regions: [Region] = []
        var cursor = 0
        for block in blocks {
            if block.start > cursor {
                regions.append(Region(offset: cursor, size: block.start - cursor, kind: .free))
            }
            if block.padding > 0 {
                regions.append(Region(offset: block.start, size: block.padding, kind: .padding))
            }
            regions.append(Region(offset: block.offset, size: block.size, kind: .used))
            cursor = block.end
        }
        if cursor < total { regions.append(Region(offset: cursor, size: total - cursor, kind: .free)) }
        return regions
    }
}
