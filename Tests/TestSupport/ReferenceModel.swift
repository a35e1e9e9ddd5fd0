import PoolAllocator

/// A deliberately naive model of `MemoryPool`, written to be obviously right rather than fast.
///
/// It keeps only the live blocks, sorted by address. Free space is never stored: it is whatever
/// lies between blocks, so free runs are maximal by construction (coalescing is implicit), and
/// each policy is a linear walk over those gaps. Everything else (stats, regions, defragment) is
/// recomputed from the block list on demand. Every operation is O(n) or worse; that is the point.
///
/// The policies, straight from their definitions: the gaps that fit, then first fit takes the
/// first of them, best fit the shortest (the first of the shortest), worst fit the longest
/// (the first of the longest), and next fit the first that ends above the rover (above 0 when
/// the rover is at the pool's end), else the first. The rover is the end of the last block
/// allocated, 0 at the start and after `defragment`.
///
/// The figures (`PoolFigures`) straight from their definitions too: after every mutation, the
/// highest block's end and the payload bytes live, the highest of each so far.
///
/// Arithmetic never overflows for hostile sizes and alignments: a fit test compares
/// `gap <= room` and `size <= room - gap` instead of adding.
public struct ReferenceModel {
    public let total: Int
    /// Live blocks in address order.
    public private(set) var blocks: [Block] = []
    public var policy: FitPolicy
    /// Where the last allocated block ended; 0 at the start and after `defragment`.
    public private(set) var rover = 0
    /// The high-water mark and peak live bytes so far.
    public private(set) var figures = PoolFigures()

    public init(total: Int, policy: FitPolicy = .first) {
        self.total = total
        self.policy = policy
    }

    /// A model that starts from a known layout (blocks in address order, not overlapping) and
    /// the figures of the history that built it (nil: the layout's own, as if built by
    /// allocations alone).
    public init(
        total: Int, blocks: [Block], policy: FitPolicy = .first, rover: Int = 0, figures: PoolFigures? = nil
    ) {
        self.total = total
        self.blocks = blocks
        self.policy = policy
        self.rover = rover
        noteMutation()
        if let figures { self.figures = figures }
    }

    /// Takes the figures of the blocks as they are now into account: the highest block's end
    /// and the payload bytes live.
    mutating func noteMutation() {
        let end = blocks.map(\.end).max() ?? 0
        let live = blocks.reduce(0) { $0 + $1.size }
        figures = PoolFigures(highWater: max(figures.highWater, end), peakLive: max(figures.peakLive, live))
    }

    /// The free gaps between blocks, in address order, as half-open ranges (never empty).
    public var freeGaps: [Range<Int>] {
        var gaps: [Range<Int>] = []
        gaps.reserveCapacity(blocks.count + 1)
        var cursor = 0
        for block in blocks {
            if block.start > cursor { gaps.append(cursor..<block.start) }
            cursor = block.end
        }
        if cursor < total { gaps.append(cursor..<total) }
        return gaps
    }

    public mutating func alloc(_ size: Int) throws(PoolError) -> Int? {
        try allocAligned(size, alignment: 1)
    }

    public mutating func allocAligned(_ size: Int, alignment: Int) throws(PoolError) -> Int? {
        guard size > 0 else { throw .invalidSize(size) }
        guard alignment > 0 else { throw .invalidAlignment(alignment) }
        let fitting = freeGaps.filter { gap in
            let padding = Self.padding(gap.lowerBound, alignment)
            return padding <= gap.count && size <= gap.count - padding
        }
        let chosen: Range<Int>?
        switch policy {
        case .first:
            chosen = fitting.first
        case .best:
            // `min(by:)` keeps the first of equals: the lowest address.
            chosen = fitting.min { $0.count < $1.count }
        case .worst:
            chosen = fitting.min { $0.count > $1.count }
        case .next:
            let floor = rover == total ? 0 : rover
            chosen = fitting.first { $0.upperBound > floor } ?? fitting.first
        }
        guard let gap = chosen else { return nil }
        let padding = Self.padding(gap.lowerBound, alignment)
        let block = Block(offset: gap.lowerBound + padding, size: size, alignment: alignment, padding: padding)
        let index = blocks.firstIndex { $0.start > block.start } ?? blocks.count
        blocks.insert(block, at: index)
        rover = block.end
        noteMutation()
        return block.offset
    }

    /// From `start` up to the next multiple of `alignment`.
    static func padding(_ start: Int, _ alignment: Int) -> Int {
        let remainder = start % alignment
        return remainder == 0 ? 0 : alignment - remainder
    }

    /// A block of `size` bytes at exactly `offset`: it must lie inside one free gap.
    public mutating func place(_ size: Int, at offset: Int) throws(PoolError) {
        guard size > 0 else { throw .invalidSize(size) }
        guard offset >= 0, offset < total else { throw .offsetOutOfRange(offset) }
        guard freeGaps.contains(where: { $0.contains(offset) && size <= $0.upperBound - offset }) else {
            throw .rangeNotFree(offset: offset, size: size)
        }
        let block = Block(offset: offset, size: size, alignment: 1, padding: 0)
        let index = blocks.firstIndex { $0.start > block.start } ?? blocks.count
        blocks.insert(block, at: index)
        rover = block.end
        noteMutation()
    }

    /// The error `free(offset)` must throw, or nil when the offset is a live block's start.
    public func freeError(_ offset: Int) -> PoolError? {
        guard offset >= 0, offset < total else { return .offsetOutOfRange(offset) }
        if blocks.contains(where: { $0.offset == offset }) { return nil }
        if blocks.contains(where: { $0.start <= offset && offset < $0.end }) {
            return .notBlockStart(offset)
        }
        return .notAllocated(offset)
    }

    public mutating func free(_ offset: Int) throws(PoolError) {
        if let error = freeError(offset) { throw error }
        blocks.removeAll { $0.offset == offset }
        noteMutation()
    }

    public mutating func defragment() -> [Int: Int] {
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
        rover = 0
        noteMutation()
        return moved
    }

    public var stats: PoolStats {
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

    public var regions: [Region] {
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
