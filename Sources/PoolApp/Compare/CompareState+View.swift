import MemoryMap
import PoolAllocator
import PoolScript
import PoolText

extension CompareState {
    /// The frame for a terminal of `width` × `height`: `screenModel`, rendered.
    public func view(width: Int, height: Int) -> Grid {
        ScreenRenderer.render(screenModel, width: width, height: height)
    }

    /// The frame: the timeline, a band per contender, the log (or the ranking at the end), the
    /// caption and the status line.
    /// - Complexity: O(bands · buckets) besides the renderer's own work.
    public var screenModel: ComparisonModel {
        let ranking = isFinished ? self.ranking : nil
        let bandModels = bands.indices.map { index -> ComparisonModel.Band in
            let band = bands[index]
            let failures = band.timeline.overview.failures
            let contender = bandContenders[index]
            var model = ComparisonModel.Band(
                name: contender?.bandName ?? "as recorded", pool: band.timeline.current.pool,
                failedAllocations: Self.count(of: failures, atOrBefore: position),
                animation: band.animation.screenAnimation, isFlashing: flashing[index] > 0,
                rank: contender.flatMap { contender in
                    ranking.map { rows in rows.firstIndex(where: contender.ran)! + 1 }
                })
            model.heap = band.heapFrame(of: band.shownRunner)?.heap
            if let view = band.recordedView {
                let pool = band.timeline.current.pool
                model.recordedLayout = view.layout(of: pool, afterSteps: band.timeline.position)
                model.figuresText =
                    view.figuresLine(of: pool, afterSteps: band.timeline.position)
                    + "  failed \(NumberText.grouped(model.failedAllocations))"
            }
            return model
        }
        var model = ComparisonModel(
            title: titleText, bands: bandModels, timeline: timelineModel, log: log.entries,
            ranking: ranking?.map {
                ComparisonModel.RankRow(
                    name: $0.name, failedAllocations: $0.failedAllocations,
                    peakFragmentation: $0.peakFragmentation, largestFree: $0.stats.largestFree, figures: $0.figures)
            },
            caption: bands[0].timeline.current.state.caption ?? "", statement: statusLine, prompt: prompt,
            isHelpOpen: isHelpOpen, helpKeys: KeyHint.compareHelp, footerKeys: KeyHint.playbackFooter,
            monochrome: monochrome)
        if case .listOrder = contenders.first { model.rankedBy = "list order" }
        return model
    }

    /// The contenders ranked as `poolmap compare` ranks them (`PolicyResult`), from the whole
    /// runs (the bands are at the end, so their pools are the final ones).
    var ranking: [PolicyResult] {
        let results = zip(contenders, contenderBands).map { contender, band -> PolicyResult in
            let overview = band.timeline.overview
            let state = band.timeline.current.state
            // An order's run searched by the last heap's own policy, as the headless comparison says.
            var policy = state.heap?.policy.fitPolicy ?? state.pool.policy
            if case .policy(let asked) = contender { policy = asked }
            var result = PolicyResult(
                policy: policy, stats: state.stats,
                failedAllocations: overview.failures.count, peakFragmentation: overview.peakFragmentation,
                figures: state.figures, runtimeErrors: overview.errorCount)
            if case .listOrder(let order) = contender { result.listOrder = order }
            return result
        }
        let orders = contenders.compactMap {
            if case .listOrder(let order) = $0 { return order }
            return nil
        }
        return orders.isEmpty
            ? PolicyResult.ranked(results, order: policies) : PolicyResult.ranked(results, orders: orders)
    }

    /// One timeline for all bands: each stretch's highest figure in any band, and a mark where
    /// any band failed or defragmented.
    var timelineModel: TimelineModel {
        var model = bands[0].timeline.timelineModel(figure: timelineFigure)
        for band in bands.dropFirst() {
            let other = band.timeline.overview
            model.scannedSteps = min(model.scannedSteps, other.scannedSteps)
            for index in model.buckets.indices where index < other.buckets.count {
                model.buckets[index].used = max(model.buckets[index].used, other.buckets[index].used)
                model.buckets[index].fragmentation = max(
                    model.buckets[index].fragmentation, other.buckets[index].fragmentation)
                model.buckets[index].hasFailure = model.buckets[index].hasFailure || other.buckets[index].hasFailure
            }
        }
        return model
    }

    /// `▶ 5 op/s · step 14 of 40 · line 12: alloc 1024`, or how to go on at the end (without the
    /// notice, which ``Playback/statusLine`` puts first).
    var playbackLine: String {
        let timeline = bands[0].timeline
        if timeline.isAtEnd {
            return "end of \(timeline.script.fileName) · ranked below · g or space replays · b steps back · q quits"
        }
        let state = pacing.isPaused ? "paused" : "▶ \(PlayerState.speedText(pacing.speed))"
        var line = "\(state) · step \(NumberText.grouped(position)) of \(NumberText.grouped(timeline.totalSteps))"
        let read = bands.map(\.timeline.overview.scannedSteps).min() ?? 0
        if read < timeline.totalSteps {
            line +=
                pendingSeek == nil
                ? " · reading the runs \(NumberText.wholePercent(read, of: timeline.totalSteps))" : pendingSeekText
        }
        if let step = timeline.lastStep {
            let digits = HexOffset.digits(forPoolSize: timeline.current.pool.totalSize)
            line += " · line \(step.line): \(step.screenStatementText(digits: digits))"
        }
        return line
    }

    /// How many of `positions` (sorted) are at or before `position`.
    static func count(of positions: [Int], atOrBefore position: Int) -> Int {
        var low = 0, high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] <= position { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
