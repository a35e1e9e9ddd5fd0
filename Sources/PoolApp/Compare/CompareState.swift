import MemoryMap
import PoolAllocator
import PoolScript
import PoolText

/// The comparison: ``CompareState`` drawn by the `MemoryMap` renderer.
public typealias CompareApp = App<CompareState>

/// The comparison view: one script or trace played on two to four pools at once, one per
/// placement policy — or, for heap scenes, one per free-list order (`Contender`) — every band
/// fed the same statements in lockstep. The player's keys act on all bands together; a failed
/// allocation flashes its band and is logged per band; at the end a table ranks them as
/// `poolmap compare` does without a terminal (`PolicyResult`).
///
/// Each band is a `PlayerState` (its own timeline, checkpoints, animation); this state keeps
/// the one clock (`Pacing`) and moves every band by the same steps, so they stay at one position.
public struct CompareState: RecordableAppState {
    /// Ticks a band stays alarmed after an allocation failed in it.
    static let flashTicks = 12

    /// A band showing the run as a recorded allocator laid it out (a PyTorch snapshot), above
    /// the policies' bands: its own script, which must have as many steps as theirs, each the
    /// same request (so every band stands at one position), its pool and its view.
    public struct RecordedBand: Sendable {
        /// The run as recorded: placements at their offsets and the recorded failures.
        public var script: Script
        /// Its pool: the recorded address space.
        public var poolSize: Int
        /// Draws its layout over the band's map.
        public var view: any RecordedView

        /// A band of `script` on a pool of `poolSize` bytes, drawn by `view`.
        public init(script: Script, poolSize: Int, view: any RecordedView) {
            self.script = script
            self.poolSize = poolSize
            self.view = view
        }
    }

    /// What each band is compared by, in the order asked.
    package let contenders: [Contender]
    /// One player per contender, in that order — after the recorded band when there is one.
    var bands: [PlayerState]
    /// Whether `bands[0]` is the recorded band (`RecordedBand`).
    let hasRecordedBand: Bool
    /// The one clock, speed and pause of every band.
    var pacing: Pacing
    /// Ticks each band still flashes for.
    var flashing: [Int]
    /// What happened, a line per pool operation, oldest first (the newest 200).
    var log = BoundedLog<LogEntry>(capacity: 200)
    /// Whether the help overlay is open.
    public internal(set) var isHelpOpen = false
    /// The `:` prompt (go to a step), when open.
    var prompt: PromptLine?
    /// What the last key could not do, on the status line until the next key.
    var notice: String?
    /// The seek waiting for the runs to be read far enough, if any.
    var pendingSeek: PendingSeek?
    var timelineFigure = TimelineModel.Figure.used
    /// The terminal's size, for clicks on the timeline.
    public var screenSize: TerminalSize
    /// The furthest position played forward to, and the `say` captions reached by playing forward.
    var furthestPlayed = 0
    var captionMarks: [CastMark] = []
    /// The `say` captions reached by playing forward, for `--record`.
    public var recordingMarks: [CastMark] { captionMarks }
    /// The playback clock, for `--record`.
    public var recordingSeconds: Double { pacing.seconds }
    /// The title bar's text.
    public let title: String
    /// Draw for terminals without colour.
    public var monochrome: Bool
    /// How the first pool got its size, which the title then names beside the pool's size
    /// (`· 49 KiB pool (peak live × 1.25)`); nil: the title alone.
    public var sizeChoice: PoolSizeChoice?

    /// The title bar's text: the title, then the pool's size and why it has it.
    var titleText: String {
        guard let sizeChoice else { return title }
        let state = bands[0].timeline.current.state
        return "\(title) · \(ByteSize.format(state.pool.totalSize)) pool (\(sizeChoice.current(state).reason))"
    }

    /// A comparison at the start of `script`.
    /// - Parameters:
    ///   - policies: two to four policies, each once (`PolicyList.defaultPolicies` by default).
    ///   - poolSize: the pool before any `pool` statement.
    ///   - checkpointBudget: bytes each band's checkpoints may hold (`--checkpoint-budget`).
    ///   - recorded: a band of the run as recorded, shown first ("as recorded").
    /// - Throws: `PoolError.invalidPoolSize` when `poolSize < 1`.
    public init(
        script: Script, policies: [FitPolicy] = PolicyList.defaultPolicies, poolSize: Int, speed: Double? = nil,
        paused: Bool = false, title: String? = nil, monochrome: Bool = false,
        screenSize: TerminalSize = TerminalSize(width: 100, height: 30),
        checkpointBudget: Int = PlayerTimeline.defaultCheckpointBudget, recorded: RecordedBand? = nil
    ) throws(PoolError) {
        try self.init(
            script: script, contenders: policies.map(Contender.policy), poolSize: poolSize, speed: speed,
            paused: paused, title: title, monochrome: monochrome, screenSize: screenSize,
            checkpointBudget: checkpointBudget, recorded: recorded)
    }

    /// A comparison at the start of `script` with a band per contender (two to four, each once:
    /// policies, or a heap script's list orders); the other parameters as
    /// `init(script:policies:…)`'s.
    package init(
        script: Script, contenders: [Contender], poolSize: Int, speed: Double? = nil, paused: Bool = false,
        title: String? = nil, monochrome: Bool = false, screenSize: TerminalSize = TerminalSize(width: 100, height: 30),
        checkpointBudget: Int = PlayerTimeline.defaultCheckpointBudget, recorded: RecordedBand? = nil
    ) throws(PoolError) {
        self.contenders = contenders
        var bands: [PlayerState] = []
        if let recorded {
            var band = try PlayerState(
                script: recorded.script, poolSize: recorded.poolSize, screenSize: screenSize,
                checkpointBudget: checkpointBudget)
            band.recordedView = recorded.view
            bands.append(band)
        }
        hasRecordedBand = recorded != nil
        for contender in contenders {
            bands.append(
                try contender.player(
                    script: script, poolSize: poolSize, screenSize: screenSize, checkpointBudget: checkpointBudget))
        }
        self.bands = bands
        let defaultSpeed = PlayerState.defaultSpeed(for: script)
        pacing = Pacing(speed: speed ?? defaultSpeed, isPaused: paused, defaultSpeed: defaultSpeed)
        flashing = Array(repeating: 0, count: bands.count)
        self.title = title ?? "poolmap compare — \(script.fileName)"
        self.monochrome = monochrome
        self.screenSize = screenSize
    }

    /// How much of the run a tick reads ahead, in every band.
    public var scanPace: PlayerState.ScanPace {
        get { bands[0].scanPace }
        set { for index in bands.indices { bands[index].scanPace = newValue } }
    }

    /// The policies compared, in the order asked; empty when list orders are.
    public var policies: [FitPolicy] {
        contenders.compactMap {
            if case .policy(let policy) = $0 { return policy }
            return nil
        }
    }

    /// Each band's contender: nil for the recorded band, then the contenders.
    var bandContenders: [Contender?] { (hasRecordedBand ? [nil] : []) + contenders.map { $0 as Contender? } }

    /// Each band's name in the log: `recorded`, then the contenders (`first`, `SIZESORT+`).
    var bandLabels: [String] { bandContenders.map { $0?.label ?? "recorded" } }

    /// The bands of the contenders (all but the recorded band).
    var contenderBands: ArraySlice<PlayerState> { bands.dropFirst(hasRecordedBand ? 1 : 0) }

    /// The position every band stands at.
    var position: Int { bands[0].timeline.position }

    /// Whether every step has been run and shown.
    public var isFinished: Bool { bands[0].timeline.isAtEnd }

    /// Whether the comparison wants ticks: playing, something moving or flashing, or a run
    /// still being read.
    public var wantsTicks: Bool {
        bands.contains { $0.animation.isActive || !$0.timeline.overview.isComplete }
            || flashing.contains { $0 > 0 } || (!pacing.isPaused && !isFinished)
    }

    // MARK: Playing

    /// One tick: every band reads ahead (sharing the tick's reading time equally) and
    /// animates, a pending seek goes on, then the steps the pacing owes run in every band.
    mutating func tick() {
        pacing.countTick()
        for index in bands.indices {
            if !bands[index].timeline.overview.isComplete {
                bands[index].readAhead(share: bands.count, seeking: pendingSeek != nil)
            }
            bands[index].animation.advance()
            flashing[index] = max(0, flashing[index] - 1)
        }
        continuePendingSeek()
        var pace = pacing
        let animated = pace.animates
        pace.run(isAtEnd: isFinished) { stepAll(animated: animated) }
        pacing = pace
    }

    /// Runs the next step in every band; logs it, flashes the bands where it failed.
    /// - Returns: the step (as the first band ran it) and whether a slide now runs; nil at the end.
    mutating func stepAll(animated: Bool) -> (step: Step, sliding: Bool)? {
        var steps: [Step] = []
        for index in bands.indices {
            guard let step = bands[index].playStep(animated: animated) else { return nil }
            steps.append(step)
            if case .allocationFailed = step.outcome { flashing[index] = Self.flashTicks }
        }
        let step = steps[0]
        if position > furthestPlayed {
            furthestPlayed = position
            if case .say(let caption) = step.operation {
                captionMarks.append(CastMark(seconds: pacing.seconds, text: caption))
            }
        }
        if step.isPoolOperation { record(steps) }
        return (step, bands.contains { $0.animation.slide != nil })
    }

    /// Logs one step as every band ran it, numbered by step:
    /// `12 alloc 1024: first → 0x0400 (1,024) · best failed: …`.
    private mutating func record(_ steps: [Step]) {
        let digits = HexOffset.digits(forPoolSize: bands[0].timeline.current.pool.totalSize)
        let outcomes = zip(bandLabels, steps).map { label, step -> String in
            switch step.outcome {
            case .offset(let offset):
                return "\(label) → \(HexOffset.labelled(offset, digits: digits))"
            case .placed(let address, let searched):
                return "\(label) → \(address) (searched \(searched))"
            case .allocationFailed(let message):
                return "\(label) failed: "
                    + (message.split(separator: ":", maxSplits: 1).last.map {
                        String($0.drop { $0 == " " })
                    } ?? message)
            case .error(let message): return "\(label) error: \(message)"
            default: return ""
            }
        }.filter { !$0.isEmpty }
        let step = steps[0]
        let failed = steps.contains {
            if case .allocationFailed = $0.outcome { return true }
            return $0.error != nil
        }
        let number = NumberText.grouped(position)
        let text =
            "\(number) \(step.screenStatementText(digits: digits))"
            + (outcomes.isEmpty ? "" : ": " + outcomes.joined(separator: " · "))
        log.append(LogEntry(text, isError: failed))
    }

    /// `n`/`→`: every band runs up to and including the next pool operation, paused.
    mutating func stepForward() {
        pacing.stop()
        while let (step, _) = stepAll(animated: true), !step.isPoolOperation {}
    }

    /// Every band moves to `position` (read already in every band), paused; the log is rebuilt
    /// from there.
    mutating func move(to position: Int) {
        pacing.stop()
        for index in bands.indices {
            bands[index].move(to: position)
            flashing[index] = 0
        }
        rebuildLog()
    }

    /// `b`/`←`: every band undoes the last pool operation shown.
    mutating func stepBack() {
        pacing.stop()
        for index in bands.indices { bands[index].stepBack() }
        rebuildLog()
    }

    /// `g`: back to the start, playing.
    mutating func restart() {
        for index in bands.indices { bands[index].restart() }
        pacing.restart()
        flashing = flashing.map { _ in 0 }
        log.removeAll()
    }

    /// The log of the steps that led to the position, from the bands' recent steps.
    private mutating func rebuildLog() {
        log.removeAll()
        let recent = bands.map(\.timeline.recentSteps)
        for index in recent[0].indices where recent[0][index].isPoolOperation {
            record(recent.map { $0[index] })
        }
    }

    // MARK: Seeking marks across the bands

    /// Reads every band to its end at once (a headless recording, which has no screen to keep).
    mutating func readToTheEnd() {
        for index in bands.indices { bands[index].timeline.scan(through: bands[index].timeline.totalSteps) }
    }

    /// Steps read in every band.
    var readSteps: Int { bands.map(\.timeline.overview.scannedSteps).min() ?? 0 }

    /// Positions after a failed allocation in any band read so far, in order.
    var failures: [Int] { Array(Set(bands.flatMap(\.timeline.overview.failures))).sorted() }

    /// Positions after a defragment (the same in every band) read so far, in order.
    var defragments: [Int] { bands[0].timeline.overview.defragments }

    /// The position of the highest fragmentation any band reached so far.
    var peakFragmentationPosition: Int {
        let peak = bands.max { $0.timeline.overview.peakFragmentation < $1.timeline.overview.peakFragmentation }
        return peak?.timeline.overview.peakFragmentationPosition ?? 0
    }
}
