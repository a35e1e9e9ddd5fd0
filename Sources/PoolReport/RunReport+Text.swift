import MemoryMap
import PoolAllocator
import PoolScript
import PoolText

extension RunReport {
    /// `run --format text` with every event listed: the heading (policy, pool size and why),
    /// the map line (exactly `width` characters of `█▒░`, fewer only for a pool of fewer
    /// bytes), a legend, the stats, the summary, then the event log.
    public func text(width: Int) -> String {
        var lines = Self.headLines(final, sizeChoice: sizeChoice, summary: summary, width: width)
        lines.append("events:")
        let numberWidth = Self.numberWidth(lastLine: steps.last?.line)
        for step in steps { lines.append(Self.eventLine(step, numberWidth: numberWidth)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The width of the line numbers in an event log ending at `lastLine`.
    static func numberWidth(lastLine: Int?) -> Int {
        String(lastLine ?? 1).count
    }

    /// One `--every` text block: the event line, then the state after it.
    static func textBlock(step: Step, after state: RunnerState, width: Int) -> String {
        ([eventLine(step, numberWidth: 1)] + stateLines(state, width: width)).joined(separator: "\n") + "\n"
    }

    /// What heads a final text report: the heading line, the state, then `summary:` and the
    /// summary's lines.
    static func headLines(
        _ state: RunnerState, sizeChoice: PoolSizeChoice, summary: RunSummary, width: Int
    ) -> [String] {
        [
            state.heap.map(heapHeading)
                ?? sizeChoice.current(state).heading(policy: state.pool.policy, poolSize: state.pool.totalSize)
        ]
            + stateLines(state, width: width)
            + ["summary: \(NumberText.grouped(summary.steps)) steps"] + summary.lines
    }

    /// The map line, the legend, the stats of `state` and the run's figures so far.
    static func stateLines(_ state: RunnerState, width: Int) -> [String] {
        if let heap = state.heap { return heapStateLines(heap, figures: state.figures, width: width) }
        let pool = state.pool
        let map = MapCells.textLine(of: pool, width: width)
        let cells = map.count
        let stats = pool.stats
        let scale: String
        if cells == 0 {
            scale = ""
        } else if pool.totalSize % cells == 0 {
            scale = "  (\(cells) cells of \(ByteSize.format(pool.totalSize / cells)))"
        } else {
            scale = "  (\(cells) cells of about \(ByteSize.format(pool.totalSize / cells)))"
        }
        return [
            map,
            "\(MapCells.usedGlyph) used  \(MapCells.paddingGlyph) padding  \(MapCells.freeGlyph) free" + scale,
            "total \(ByteSize.formatExact(stats.total))  used \(ByteSize.formatExact(stats.used))"
                + "  free \(ByteSize.formatExact(stats.free))  padding \(ByteSize.formatExact(stats.padding))"
                + "  policy \(pool.policy.rawValue) fit",
            "blocks \(stats.blockCount)  free blocks \(stats.freeBlockCount)"
                + "  largest free \(ByteSize.formatExact(stats.largestFree))"
                + "  fragmentation \(NumberText.fractionAndPercent(stats.fragmentation))",
            state.figures.line,
        ]
    }

    /// `  12  a = alloc 256  → 0`.
    static func eventLine(_ step: Step, numberWidth: Int) -> String {
        let number = String(step.line)
        let padded = String(repeating: " ", count: max(0, numberWidth - number.count)) + number
        let outcome = step.outcomeText
        return "  \(padded)  \(step.statementText)" + (outcome.isEmpty ? "" : "  → \(outcome)")
    }
}
