/// The workload document's naive baseline: free blocks in a sorted array, allocation scans it
/// from the start (first fit), free binary-searches it and inserts or merges, and a hash map
/// finds a live block's footprint by its offset. Padding before an aligned block belongs to
/// the block (as in `MemoryPool`), so both return the same offsets.
struct NaiveFirstFit: ChurnAllocator {
    struct Span {
        var start: Int
        var end: Int
    }

    /// Free blocks in address order, never adjacent.
    private(set) var freeBlocks: [Span]
    /// Live block offset → its footprint (padding and payload).
    private(set) var live: [Int: Span] = [:]

    init(totalSize: Int, expectedLive: Int) {
        freeBlocks = [Span(start: 0, end: totalSize)]
        freeBlocks.reserveCapacity(expectedLive)
        live.reserveCapacity(2 * expectedLive)
    }

    /// - Complexity: O(f) for f free blocks: a linear scan.
    mutating func allocate(size: Int, aligned: Bool) -> Int {
        let alignment = aligned ? ChurnWorkload.alignment : 1
        let found: (index: Int, offset: Int)? = freeBlocks.withUnsafeBufferPointer { blocks in
            for i in blocks.indices {
                let start = blocks[i].start, end = blocks[i].end
                // The cheap length test first, as any sensible scan does; the division only for
                // blocks long enough. `&-`: offsets are small here, and the scan should be as
                // tight as the C baseline's (no overflow check per block).
                guard end &- start >= size else { continue }
                let remainder = alignment == 1 ? 0 : start % alignment
                let offset = remainder == 0 ? start : start + alignment - remainder
                if offset + size <= end { return (i, offset) }
            }
            return nil
        }
        guard let (i, offset) = found else { return -1 }
        live[offset] = Span(start: freeBlocks[i].start, end: offset + size)
        if offset + size == freeBlocks[i].end {
            freeBlocks.remove(at: i)
        } else {
            freeBlocks[i].start = offset + size
        }
        return offset
    }

    /// - Complexity: O(log f) to find the place, O(f) to insert or remove in the array.
    mutating func release(_ offset: Int) {
        guard offset >= 0, let span = live.removeValue(forKey: offset) else { return }
        // The first free block after the span.
        var low = 0, high = freeBlocks.count
        while low < high {
            let mid = (low + high) / 2
            if freeBlocks[mid].start < span.start { low = mid + 1 } else { high = mid }
        }
        let joinsLeft = low > 0 && freeBlocks[low - 1].end == span.start
        let joinsRight = low < freeBlocks.count && freeBlocks[low].start == span.end
        switch (joinsLeft, joinsRight) {
        case (true, true):
            freeBlocks[low - 1].end = freeBlocks[low].end
            freeBlocks.remove(at: low)
        case (true, false):
            freeBlocks[low - 1].end = span.end
        case (false, true):
            freeBlocks[low].start = span.start
        case (false, false):
            freeBlocks.insert(span, at: low)
        }
    }
}
