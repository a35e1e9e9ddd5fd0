import MemoryMap
import PoolAllocator
import PoolScript
import PoolText

extension PlayerState {
    /// The frame for a terminal of `width` × `height`: `screenModel`, rendered.
    public func view(width: Int, height: Int) -> Grid {
        ScreenRenderer.render(screenModel, width: width, height: height)
    }

    /// The frame: the timeline, the map, stats and log of the explorer, the caption and the
    /// statement line.
    /// - Complexity: O(recentCount + buckets) besides the renderer's own work.
    public var screenModel: ScreenModel {
        let runner = shownRunner
        let steps = timeline.recentSteps
        // The log numbers steps as the status line and `:` do (the last is the current one).
        let firstNumber = timeline.position - steps.count + 1
        // A heap's addresses are decimal, as malloc.py prints them.
        let digits = runner.state.heap == nil ? HexOffset.digits(forPoolSize: runner.pool.totalSize) : nil
        let log = steps.enumerated().filter(\.element.isPoolOperation).map { index, step in
            LogEntry(
                Self.logText(step, number: firstNumber + index, digits: digits),
                isError: step.error != nil || Self.isFailure(step))
        }
        // While an allocation's search plays, the map shows the pool before it, where the new
        // block is not selected yet.
        let shown = animation.shownPool ?? runner.pool
        var model = ScreenModel(
            pool: shown,
            title: title,
            names: runner.state.namesByOffset,
            selectedOffset: selectedOffset.flatMap { shown.block(at: $0) == nil ? nil : $0 },
            rover: shown.policy == .next ? shown.rover : nil,
            viewport: navigation.viewport(for: runner.pool),
            fragmentationHistory: timeline.recentFragmentation,
            figures: runner.state.figures,
            log: log,
            caption: runner.state.caption ?? "",
            statement: statusLine,
            timeline: timeline.timelineModel(figure: timelineFigure),
            prompt: prompt,
            isHelpOpen: isHelpOpen,
            helpKeys: KeyHint.playerHelp,
            footerKeys: KeyHint.playbackFooter,
            animation: animation.screenAnimation,
            monochrome: monochrome,
            poolSizeReason: sizeChoice.map { $0.current(runner.state).reason }
        )
        if let heap = heapFrame(of: runner) {
            model.heap = heap
            model.selectedOffset = animation.shownHeap == nil ? heapSelectedAddress : nil
            model.poolSizeReason = nil
        }
        model.selectedCallSite = model.selectedOffset.flatMap { runner.state.idsByOffset[$0] }.flatMap {
            runner.script.callSites[$0]
        }
        if let recordedView {
            model.recordedLayout = recordedView.layout(of: shown, afterSteps: timeline.position)
            model.sidePanel = recordedView.panel(
                of: shown, afterSteps: timeline.position, selectedOffset: model.selectedOffset,
                callSite: model.selectedCallSite)
        }
        return model
    }

    /// The block the inspector shows: the one the user selected while it is live, else the
    /// block the last step allocated while it is live.
    var selectedOffset: Int? {
        let pool = timeline.current.pool
        if let chosen = navigation.selectedOffset, pool.block(at: chosen) != nil { return chosen }
        guard let step = timeline.lastStep, case .offset(let offset) = step.outcome else { return nil }
        return pool.block(at: offset) != nil ? offset : nil
    }

    /// `▶ 5 op/s · step 14 of 40 · line 12: b = alloc 200 align 256 → 0x0100 (256)`, how far the
    /// run has been read while it is still being read, or how to go on at the end (without the
    /// notice, which ``Playback/statusLine`` puts first).
    var playbackLine: String {
        let overview = timeline.overview
        let reading =
            overview.isComplete
            ? ""
            : pendingSeek == nil
                ? " · reading the run \(NumberText.wholePercent(overview.scannedSteps, of: overview.totalSteps))"
                : pendingSeekText
        if timeline.isAtEnd {
            return "end of \(timeline.script.fileName) · g or space replays · b steps back · q quits" + reading
        }
        let state = (isPaused ? "paused" : "▶ \(Self.speedText(speed))") + (explainsSearch ? explainText : "")
        var line =
            "\(state) · step \(NumberText.grouped(timeline.position)) of \(NumberText.grouped(timeline.totalSteps))"
            + reading
        if let step = timeline.lastStep {
            let current = timeline.current
            let digits = current.state.heap == nil ? HexOffset.digits(forPoolSize: current.pool.totalSize) : nil
            line += " · line \(step.line): \(Self.statementText(step, digits: digits))"
            let outcome = Self.outcomeText(step, digits: digits)
            if !outcome.isEmpty { line += " → \(outcome)" }
        }
        return line
    }

    /// ` · explain`; while playing too fast for a search to be shown, what to do about it.
    var explainText: String {
        guard !isPaused, speed > Pacing.animationSpeedLimit else { return " · explain" }
        return " · explain shows each search at \(Int(Pacing.animationSpeedLimit)) op/s or slower; < slows down"
    }

    /// `5 op/s`, `0.5 op/s`, `12.5k op/s`.
    static func speedText(_ speed: Double) -> String {
        func trimmed(_ value: Double) -> String {
            let rounded = (value * 100).rounded() / 100
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        return speed >= 10_000 ? "\(trimmed(speed / 1000))k op/s" : "\(trimmed(speed)) op/s"
    }

    /// A log line, numbered by step: `12 b = alloc 200 align 256 → 0x0100 (256)`.
    static func logText(_ step: Step, number: Int, digits: Int?) -> String {
        let outcome = outcomeText(step, digits: digits)
        return "\(NumberText.grouped(number)) \(statementText(step, digits: digits))"
            + (outcome.isEmpty ? "" : " → \(outcome)")
    }

    /// The step as the screens write it, offsets in hex with `digits`; nil digits (a heap
    /// scene): as the reports write it, addresses in decimal as malloc.py prints them.
    static func statementText(_ step: Step, digits: Int?) -> String {
        digits.map { step.screenStatementText(digits: $0) } ?? step.statementText
    }

    /// The outcome as `statementText(_:digits:)` writes the step.
    static func outcomeText(_ step: Step, digits: Int?) -> String {
        digits.map { step.screenOutcomeText(digits: $0) } ?? step.outcomeText
    }

    static func isFailure(_ step: Step) -> Bool {
        if case .allocationFailed = step.outcome { return true }
        return false
    }
}
