import PoolAllocator

/// A run of the as-recorded map: one kind of bytes, with the device addresses it stands for.
public struct AsRecordedRegion: Equatable, Sendable {
    /// What the bytes are.
    public enum Kind: String, Equatable, Sendable {
        /// A block in use.
        case used
        /// A block whose free was requested, awaiting its stream: still in use.
        case pending
        /// Reserved bytes in no block.
        case free
        /// Bytes no segment holds now.
        case unreserved
    }

    /// Where it begins in the compacted space.
    public var offset: Int
    /// Its bytes.
    public var size: Int
    /// The device address of `offset`.
    public var address: Int
    /// The address of the segment holding it; nil for unreserved bytes.
    public var segment: Int?
    /// What its bytes are.
    public var kind: Kind

    /// One past its last offset.
    public var end: Int { offset + size }
}

extension AsRecordedState {
    /// The compacted space as regions in offset order: each block (used or pending) alone, free
    /// bytes cut at segment bounds, bytes outside every segment unreserved.
    /// - Complexity: O(n + s) for n blocks and s segments.
    public var regions: [AsRecordedRegion] {
        // Segments as offset ranges, in order: the space keeps address order.
        let segmentRanges: [(range: Range<Int>, address: Int)] = reserved.segments.compactMap { segment in
            space.offsets(of: segment.address, size: segment.size).map { ($0, segment.address) }
        }
        var next = 0
        var regions: [AsRecordedRegion] = []
        func add(_ offset: Int, _ size: Int, _ kind: AsRecordedRegion.Kind, segment: Int?) {
            regions.append(
                AsRecordedRegion(
                    offset: offset, size: size, address: space.address(at: offset) ?? offset, segment: segment,
                    kind: kind
                ))
        }
        for region in pool.regions {
            var start = region.offset
            let end = region.end
            if region.kind != .free {
                while next < segmentRanges.count, segmentRanges[next].range.upperBound <= start { next += 1 }
                let holder = next < segmentRanges.count && segmentRanges[next].range.contains(start)
                add(
                    start, region.size, pendingOffsets.contains(start) ? .pending : .used,
                    segment: holder ? segmentRanges[next].address : nil)
                continue
            }
            while start < end {
                while next < segmentRanges.count, segmentRanges[next].range.upperBound <= start { next += 1 }
                guard next < segmentRanges.count, segmentRanges[next].range.lowerBound < end else {
                    add(start, end - start, .unreserved, segment: nil)
                    break
                }
                let segment = segmentRanges[next]
                if start < segment.range.lowerBound {
                    add(start, segment.range.lowerBound - start, .unreserved, segment: nil)
                    start = segment.range.lowerBound
                }
                let stop = min(end, segment.range.upperBound)
                add(start, stop - start, .free, segment: segment.address)
                start = stop
            }
        }
        return regions
    }
}
