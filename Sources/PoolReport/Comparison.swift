import PoolAllocator
import PoolScript
import PoolText

/// `poolmap compare` without a terminal: one script or trace run once per placement policy,
/// every pool of each run placing by that policy, and the policies ranked (`PolicyResult`).
public struct Comparison: Sendable {
    /// The results, best first.
    public private(set) var ranking: [PolicyResult]
    /// What the recording's own allocator did with the same requests (a PyTorch snapshot): a row
    /// after the ranked ones, unranked. Nil for every other input.
    package var recorded: RecordedRow?

    /// The figures a recording gives for its own allocator, in the ranking's columns: its
    /// failures (a snapshot's OOMs), its footprint's peak (the peak reserved bytes, beside the
    /// policies' high-water marks) and its peak live bytes (the peak allocated).
    package struct RecordedRow: Sendable {
        /// The row's name, e.g. `as recorded (PyTorch)`.
        package var name: String
        /// The allocations that failed in the recording.
        package var failures: Int
        /// The most bytes the allocator held at once (PyTorch: reserved in segments).
        package var peakFootprint: Int
        /// The most bytes live at once (PyTorch: allocated).
        package var peakLive: Int

        package init(name: String, failures: Int, peakFootprint: Int, peakLive: Int) {
            self.name = name
            self.failures = failures
            self.peakFootprint = peakFootprint
            self.peakLive = peakLive
        }
    }

    /// Runs `input` once per policy of `policies` (two to four, distinct) on a pool of `poolSize`
    /// bytes (before any `pool` statement). `errors` gets each runtime error once, from the first
    /// policy's run, as `FILE:LINE: error: …` lines.
    /// - Throws: `PoolError.invalidPoolSize` when `poolSize < 1`; `ScriptFile.LoadError` when a
    ///   trace file can no longer be read.
    public init(
        _ input: HeadlessRun.Input, policies: [FitPolicy], poolSize: Int, errors: (String) -> Void = { _ in }
    ) throws {
        var results: [PolicyResult] = []
        for (index, policy) in policies.enumerated() {
            results.append(
                try Self.result(input, policy: policy, poolSize: poolSize, errors: index == 0 ? errors : { _ in }))
        }
        ranking = PolicyResult.ranked(results, order: policies)
    }

    /// Runs a script with heap scenes once per list order of `orders` (two to four, distinct),
    /// every heap keeping its list in that order and searching by its own policy, and ranks the
    /// orders as policies are ranked: OSTEP's "how does the list order change the result?".
    /// - Throws: as `init(_:policies:poolSize:errors:)`.
    package init(
        _ input: HeadlessRun.Input, orders: [FreeListHeap.ListOrder], poolSize: Int,
        errors: (String) -> Void = { _ in }
    ) throws {
        var results: [PolicyResult] = []
        for (index, order) in orders.enumerated() {
            results.append(
                try Self.result(
                    input, policy: nil, order: order, poolSize: poolSize, errors: index == 0 ? errors : { _ in }))
        }
        ranking = PolicyResult.ranked(results, orders: orders)
    }

    /// One run of `input` under `policy` (nil: as the script says) and, for heaps, list `order`.
    private static func result(
        _ input: HeadlessRun.Input, policy: FitPolicy?, order: FreeListHeap.ListOrder? = nil, poolSize: Int,
        errors: (String) -> Void
    ) throws -> PolicyResult {
        var failed = 0, peak = 0.0
        var runner = try ScriptRunner(script: HeadlessRun.emptyScript(input), poolSize: poolSize, policy: policy)
        runner.heapOrder = order
        // The scene's figures: a heap's in a heap scene, else the pool's.
        try HeadlessRun.forEachStep(input, &runner) { step, runner in
            if case .allocationFailed = step.outcome { failed += 1 }
            peak = max(peak, runner.state.stats.fragmentation)
            if let line = step.errorLine(fileName: input.fileName) { errors(line + "\n") }
        }
        var result = PolicyResult(
            policy: runner.state.heap.map { $0.policy.fitPolicy } ?? policy ?? runner.state.pool.policy,
            stats: runner.state.stats, failedAllocations: failed, peakFragmentation: peak,
            figures: runner.state.figures, runtimeErrors: runner.state.errorCount)
        result.listOrder = order
        return result
    }

    /// Runtime errors of the run (the same for every policy: they do not depend on placement).
    public var runtimeErrors: Int { ranking.map(\.runtimeErrors).max() ?? 0 }

    /// The ranking as a table, a row per policy in the ranking's order and a column per figure
    /// it ranks by, then the others:
    /// ```
    /// rank  policy     failed allocs  high water  peak fragmentation  largest free at end  …
    /// 1     first fit  0              3 KiB       0.1234 (12.34%)     2 KiB                …
    /// ```
    public var text: String {
        let header = [
            "rank", ranking.first?.listOrder == nil ? "policy" : "list order", "failed allocs", "high water",
            "peak fragmentation", "largest free at end", "used at end",
            "peak live", "utilization", "heap fragmentation",
        ]
        var rows = ranking.enumerated().map { index, result in
            [
                String(index + 1), result.name, NumberText.grouped(result.failedAllocations),
                ByteSize.formatExact(result.figures.highWater), NumberText.fractionAndPercent(result.peakFragmentation),
                ByteSize.formatExact(result.stats.largestFree), ByteSize.formatExact(result.stats.used),
                ByteSize.formatExact(result.figures.peakLive), PoolFigures.percentText(result.figures.utilization),
                PoolFigures.percentText(result.figures.heapFragmentation),
            ]
        }
        if let recorded {
            // Unranked, and only the columns the recording has.
            rows.append([
                "–", recorded.name, NumberText.grouped(recorded.failures), ByteSize.formatExact(recorded.peakFootprint),
                "–", "–", "–", ByteSize.formatExact(recorded.peakLive), "–", "–",
            ])
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .replacingTrailingSpaces()
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// `{"policies": [{"policy": "first", "stats": {…}, "failed_allocs": N, "peak_fragmentation": F,
    /// "high_water": H, "peak_live": L, "utilization": U, "heap_fragmentation": R}, …]}`, best
    /// first; the stats have the keys of `run --format json`, the ratios are `null` when undefined.
    /// A recording's own row follows as `"as_recorded": {"name": …, "failed_allocs": N,
    /// "peak_reserved": R, "peak_allocated": A}`.
    public var json: String {
        let policies = ranking.map { result -> JSONValue in
            var object: JSONObject = ["policy": .string(result.policy.rawValue)]
            // Under `--orders`, the list order each run kept (malloc.py's name).
            if let order = result.listOrder { object.append("order", .string(order.rawValue)) }
            for (key, value) in [
                ("stats", RunReport.json(result.stats)),
                ("failed_allocs", .int(result.failedAllocations)),
                ("peak_fragmentation", .double(result.peakFragmentation)),
                ("high_water", .int(result.figures.highWater)),
                ("peak_live", .int(result.figures.peakLive)),
                ("utilization", PoolFigures.json(result.figures.utilization)),
                ("heap_fragmentation", PoolFigures.json(result.figures.heapFragmentation)),
            ] as [(String, JSONValue)] {
                object.append(key, value)
            }
            return .object(object)
        }
        var out = "{\"policies\": [\n"
        for (index, policy) in policies.enumerated() {
            out += "  " + policy.compact + (index + 1 < policies.count ? ",\n" : "\n")
        }
        out += "]"
        if let recorded {
            let row: JSONObject = [
                "name": .string(recorded.name), "failed_allocs": .int(recorded.failures),
                "peak_reserved": .int(recorded.peakFootprint), "peak_allocated": .int(recorded.peakLive),
            ]
            out += ",\n\"as_recorded\": " + JSONValue.object(row).compact
        }
        return out + "}\n"
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

extension HeadlessRun {
    /// What `forEachStep` leaves: the pool's stats at the end, the run's figures and the runtime
    /// errors.
    public struct RunEnd: Sendable {
        /// The pool's figures after the last step.
        public var finalStats: PoolStats
        /// The run's high-water mark, peak live bytes and their ratios.
        public var figures: PoolFigures
        /// The runtime errors the run met.
        public var errorCount: Int
    }

    /// Runs `input` to the end on a pool of `poolSize` bytes placing by `policy`, handing every
    /// step to `body` with the pool after it; memory as `run`'s.
    public static func forEachStep(
        _ input: Input, poolSize: Int, policy: FitPolicy?, _ body: (Step, MemoryPool) -> Void
    ) throws -> RunEnd {
        var runner = try ScriptRunner(script: emptyScript(input), poolSize: poolSize, policy: policy)
        try forEachStep(input, &runner) { step, runner in body(step, runner.state.pool) }
        return RunEnd(
            finalStats: runner.state.stats, figures: runner.state.figures, errorCount: runner.state.errorCount)
    }
}
