/// Byte ranges sorted and merged, for asking "how many of a cell's bytes are in them" per cell.
struct SpanSet: Sendable {
    /// Disjoint, non-empty, in address order.
    private(set) var spans: [Range<Int>]

    /// Sorts and merges `ranges` (overlapping or touching ranges become one).
    /// - Complexity: O(k log k) for k ranges.
    init(_ ranges: [Range<Int>]) {
        var merged: [Range<Int>] = []
        for range in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        spans = merged
    }

    /// Already sorted, disjoint spans (checked in debug builds).
    init(sortedDisjoint spans: [Range<Int>]) {
        assert(zip(spans, spans.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
        self.spans = spans.filter { !$0.isEmpty }
    }

    var isEmpty: Bool { spans.isEmpty }

    /// The index of the first span ending after `offset`.
    private func firstEnding(after offset: Int) -> Int {
        var low = 0, high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Bytes of `range` inside the spans.
    /// - Complexity: O(log k + spans met).
    func overlap(with range: Range<Int>) -> Int {
        var total = 0
        var index = firstEnding(after: range.lowerBound)
        while index < spans.count, spans[index].lowerBound < range.upperBound {
            total += min(range.upperBound, spans[index].upperBound) - max(range.lowerBound, spans[index].lowerBound)
            index += 1
        }
        return total
    }

    /// Whether any byte of `range` is inside the spans.
    /// - Complexity: O(log k).
    func intersects(_ range: Range<Int>) -> Bool {
        let index = firstEnding(after: range.lowerBound)
        return index < spans.count && spans[index].lowerBound < range.upperBound
    }
}
