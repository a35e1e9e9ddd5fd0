import PoolAllocator

/// The pool's read-only lookups, answered the naive way from the model's block list.
extension ReferenceModel {
    func block(at offset: Int) -> Block? {
        blocks.first { $0.offset == offset }
    }

    func block(containing offset: Int) -> Block? {
        blocks.first { $0.start <= offset && offset < $0.end }
    }

    func block(after offset: Int) -> Block? {
        blocks.first { $0.offset > offset }
    }

    func block(before offset: Int) -> Block? {
        blocks.last { $0.offset < offset }
    }

    /// The byte counts of `range` clamped to the pool, by walking every region.
    func usage(in range: Range<Int>) -> RangeUsage {
        let lo = min(max(range.lowerBound, 0), total)
        let hi = min(max(range.upperBound, lo), total)
        var used = 0, padding = 0, free = 0
        for region in regions {
            let a = max(region.offset, lo), b = min(region.end, hi)
            guard a < b else { continue }
            switch region.kind {
            case .used: used += b - a
            case .padding: padding += b - a
            case .free: free += b - a
            }
        }
        let touching = lo < hi ? blocks.filter { $0.start < hi && $0.end > lo }.count : 0
        let before = blocks.filter { $0.end <= lo }.count
        return RangeUsage(
            usedBytes: used, paddingBytes: padding, freeBytes: free, blockCount: touching, blocksBefore: before)
    }

    /// The regions of `range` clamped to the pool, cut at its ends.
    func regions(in range: Range<Int>) -> [Region] {
        let lo = max(range.lowerBound, 0), hi = min(range.upperBound, total)
        var out: [Region] = []
        for region in regions {
            let a = max(region.offset, lo), b = min(region.end, hi)
            if a < b { out.append(Region(offset: a, size: b - a, kind: region.kind)) }
        }
        return out
    }
}
