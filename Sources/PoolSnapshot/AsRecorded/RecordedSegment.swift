/// A range of device memory reserved at some moment of an as-recorded run: a segment
/// (`segment_alloc`, or held in the final `segments`) or a mapped piece of an expandable one.
public struct RecordedSegment: Equatable, Sendable {
    /// Its first device address.
    public var address: Int
    /// Its bytes.
    public var size: Int
    /// Whether it belongs to PyTorch's small pool (blocks of up to 1 MiB in 2 MiB segments).
    public var isSmallPool: Bool

    /// One past its last address.
    public var end: Int { address + size }

    /// A segment; `segmentType` is the snapshot's (`"small"`/`"large"`) when it says, else a
    /// segment of exactly 2 MiB is the small pool's (the large pool's are ≥ 20 MiB or a
    /// multiple of 2 MiB above 10 MiB, PyTorch's `kLargeBuffer` and rounding).
    public init(address: Int, size: Int, segmentType: String? = nil) {
        self.address = address
        self.size = size
        isSmallPool = segmentType.map { $0 == "small" } ?? (size == 2 << 20)
    }

    /// `small` or `large`, as the snapshot says it.
    public var poolName: String { isSmallPool ? "small" : "large" }
}

/// The segments reserved at one moment, in address order, never overlapping.
struct ReservedSegments: Equatable, Sendable {
    private(set) var segments: [RecordedSegment] = []

    /// Reserves `address ..< address + size` as one segment; what it overlaps is replaced.
    /// - Complexity: O(s) for s segments.
    mutating func reserve(_ segment: RecordedSegment) {
        guard segment.size > 0, segment.address >= 0, segment.size <= Int.max - segment.address else { return }
        release(address: segment.address, size: segment.size)
        let index = segments.firstIndex { $0.address > segment.address } ?? segments.count
        segments.insert(segment, at: index)
    }

    /// Releases `address ..< address + size`: segments inside it go, segments it cuts keep
    /// their other parts (an expandable segment's unmapped pages).
    /// - Complexity: O(s).
    mutating func release(address: Int, size: Int) {
        guard size > 0, address >= 0, size <= Int.max - address else { return }
        let end = address + size
        var kept: [RecordedSegment] = []
        kept.reserveCapacity(segments.count + 1)
        for segment in segments {
            guard segment.address < end, address < segment.end else {
                kept.append(segment)
                continue
            }
            if segment.address < address {
                var before = segment
                before.size = address - segment.address
                kept.append(before)
            }
            if end < segment.end {
                var after = segment
                after.address = end
                after.size = segment.end - end
                kept.append(after)
            }
        }
        segments = kept
    }

    /// The segment holding `address`.
    /// - Complexity: O(log s).
    func segment(holding address: Int) -> RecordedSegment? {
        var low = 0, high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].end <= address { low = middle + 1 } else { high = middle }
        }
        guard low < segments.count, segments[low].address <= address else { return nil }
        return segments[low]
    }

    /// The reserved bytes.
    var bytes: Int { segments.reduce(0) { $0 &+ $1.size } }

    /// The reserved addresses as maximal ranges (touching segments joined): what two moments
    /// are compared by, whatever the pieces.
    var coverage: [Range<Int>] {
        var ranges: [Range<Int>] = []
        for segment in segments {
            if let last = ranges.last, last.upperBound == segment.address {
                ranges[ranges.count - 1] = last.lowerBound..<segment.end
            } else {
                ranges.append(segment.address..<segment.end)
            }
        }
        return ranges
    }
}
