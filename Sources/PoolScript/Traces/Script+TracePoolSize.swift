extension Script {
    /// The pool a trace needs when `--size` does not say: its peak live bytes × 1.25, rounded up
    /// to a whole KiB (at least 1 KiB). See `TracePeak`.
    /// - Complexity: O(1) for a trace that was parsed, which works it out as it reads;
    ///   O(statements) otherwise.
    public var tracePoolSize: Int {
        if let knownTracePoolSize { return knownTracePoolSize }
        var peak = TracePeak()
        for statement in statements { peak.add(statement) }
        return peak.poolSize
    }
}

/// The peak live bytes of a trace, statement by statement, and the pool that fits it.
///
/// During an `r` the old and the new block are both live. Operations that will be runtime
/// errors (an `a` for a live id, an `f` for an unknown one) change nothing here either.
/// Saturates instead of overflowing. Memory: O(live ids).
package struct TracePeak: Sendable {
    private var live = IntMap()
    private var liveBytes = 0
    /// The most bytes live at once so far.
    package private(set) var peakBytes = 0

    package init() {}

    /// Accounts for one statement (anything but a trace operation is ignored).
    package mutating func add(_ statement: Statement) {
        switch statement.action {
        case .traceAlloc(let id, let size, _):
            guard live[id] == nil else { return }
            live[id] = size
            liveBytes = Self.saturatingAdd(liveBytes, size)
        case .traceRealloc(let id, 0):
            if let old = live.removeValue(forKey: id) { liveBytes -= old }
        case .traceRealloc(let id, let size):
            peakBytes = max(peakBytes, Self.saturatingAdd(liveBytes, size))
            let old = live[id] ?? 0
            live[id] = size
            liveBytes = Self.saturatingAdd(liveBytes - old, size)
        case .traceFree(let id):
            if let old = live.removeValue(forKey: id) { liveBytes -= old }
        default:
            return
        }
        peakBytes = max(peakBytes, liveBytes)
    }

    /// The peak × 1.25, rounded up to a whole KiB, at least 1 KiB.
    package var poolSize: Int {
        let kib = 1024
        let (scaled, overflow) = peakBytes.multipliedReportingOverflow(by: 5)
        guard !overflow, scaled / 4 <= Int.max - 2 * kib else { return Int.max / kib * kib }
        let wanted = (scaled + 3) / 4  // ⌈peak × 1.25⌉
        return max(kib, (wanted + kib - 1) / kib * kib)
    }

    private static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
