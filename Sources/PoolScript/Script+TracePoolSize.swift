extension Script {
    /// The pool a trace needs when `--size` does not say: its peak live bytes × 1.25, rounded up
    /// to a whole KiB (at least 1 KiB). During an `r` the old and the new block are both live.
    /// Operations that will be runtime errors (an `a` for a live id, an `f` for an unknown one)
    /// change nothing here either. Saturates instead of overflowing.
    /// - Complexity: O(statements).
    var tracePoolSize: Int {
        var live: [Int: Int] = [:]
        var liveBytes = 0
        var peak = 0
        for statement in statements {
            switch statement.action {
            case .traceAlloc(let id, let size, _):
                guard live[id] == nil else { continue }
                live[id] = size
                liveBytes = Self.saturatingAdd(liveBytes, size)
            case .traceRealloc(let id, let size):
                peak = max(peak, Self.saturatingAdd(liveBytes, size))
                let old = live[id] ?? 0
                live[id] = size
                liveBytes = Self.saturatingAdd(liveBytes - old, size)
            case .traceFree(let id):
                if let old = live.removeValue(forKey: id) { liveBytes -= old }
            default:
                continue
            }
            peak = max(peak, liveBytes)
        }
        let kib = 1024
        let (scaled, overflow) = peak.multipliedReportingOverflow(by: 5)
        guard !overflow, scaled / 4 <= Int.max - 2 * kib else { return Int.max / kib * kib }
        let wanted = (scaled + 3) / 4  // ⌈peak × 1.25⌉
        return max(kib, (wanted + kib - 1) / kib * kib)
    }

    private static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
