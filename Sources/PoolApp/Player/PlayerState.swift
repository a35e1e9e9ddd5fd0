import MemoryMap
import PoolAllocator
import PoolScript

/// The player: ``PlayerState`` drawn by the `MemoryMap` renderer.
public typealias PlayerApp = App<PlayerState>

/// The player: a script or trace played step by step on the map, with pause, single steps
/// both ways, seeks across a timeline of the whole run, speed control, restart, and the
/// explorer's zoom and selection. A value driven by events (`reduce`); the screen is
/// `screenModel`, a pure function of it.
///
/// Pacing: each tick (`AppTick.interval`) owes `speed × interval` pool operations; they run in one
/// batch and the next frame shows the result, so at high speed frames are skipped, never the
/// pool's work. `wait` pauses playback for its duration (shortened when playing faster than
/// the default speed); a `say` sets the caption. At low speed each operation is animated (the
/// new block appears, a freed one fades, a defragment slides), and playback holds while a
/// slide runs. While the run has not been read to its end, every tick also reads
/// `scanStepsPerTick` steps ahead, so the timeline fills in while the player is already usable.
public struct PlayerState: RecordableAppState {
    static let speedRange = Pacing.speedRange
    /// How much of the run a tick reads ahead for the timeline.
    public enum ScanPace: Sendable, Equatable {
        /// A fixed number of steps: what tests and recordings use, so that every run of the
        /// same events draws the same frames.
        case steps(Int)
        /// As many steps as fit in this long (`seekingMultiple` times as long while a seek waits
        /// for the run to be read): what a real terminal uses, so that a frame is never held up
        /// for long, in a debug build as in a release one.
        case duration(Duration)

        /// About 20 ms of reading in a release build.
        public static let `default` = ScanPace.steps(100_000)
        /// What a real terminal uses: 30 ms of each 40 ms tick, so the run is read nearly as fast
        /// as `poolmap run` goes while a frame is drawn and keys are read every tick.
        public static let interactive = ScanPace.duration(.milliseconds(30))
        /// How much longer a `duration` tick reads while a seek waits: the seek then gets
        /// nearly all the time (75 ms of reading, then a frame; keys are handled between
        /// ticks, so within about 80 ms) where 30 ms of each 40 ms tick left a quarter idle,
        /// and its progress is still drawn more than ten times a second.
        static let seekingMultiple = 2.5
    }

    /// The run, walkable both ways.
    var timeline: PlayerTimeline
    /// The clock, the speed, pause, and what holds playback.
    var pacing: Pacing
    /// Whether the help overlay is open.
    public internal(set) var isHelpOpen = false
    /// The `:` prompt (go to a step), when open.
    var prompt: PromptLine?
    /// What the last key could not do, on the status line until the next key.
    var notice: String?
    /// The seek waiting for the run to be read far enough, if any.
    var pendingSeek: PendingSeek?
    /// The map's zoom and scroll, and the block the user selected (`h`/`l`, a click).
    var navigation = MapNavigation()
    /// How much of the run a tick reads ahead.
    public var scanPace = ScanPace.default
    /// The timeline's figure (`t` switches it).
    var timelineFigure = TimelineModel.Figure.used
    /// The terminal's size, for zooming, scrolling and hit-testing as the screen shows them.
    public var screenSize: TerminalSize
    /// What moves on the map right now.
    var animation = ExplorerAnimation()
    /// The furthest position played forward to; a `say` reached beyond it is a new marker.
    var furthestPlayed = 0
    /// The `say` captions reached by playing forward, timed by the playback clock.
    var captionMarks: [CastMark] = []
    /// The `say` captions reached by playing forward, for `--record`.
    public var recordingMarks: [CastMark] { captionMarks }
    /// The title bar's text.
    public let title: String
    /// How the first pool got its size, for the title bar (nil: the title bar says nothing of it).
    public var sizeChoice: PoolSizeChoice?
    /// Draw for terminals without colour.
    public var monochrome: Bool
    /// Whether each allocation's search is shown (`--explain`, `e`), when operations are animated.
    public internal(set) var explainsSearch: Bool
    /// Draws the pool as a recorded allocator laid it out (a PyTorch snapshot as recorded): the
    /// layout over the map and the panel in place of the stats. Nil for every other run.
    public var recordedView: (any RecordedView)?

    /// A player at the start of `script`.
    /// - Parameters:
    ///   - poolSize: the pool before any `pool` statement.
    ///   - speed: operations per second (`--speed`); nil takes `defaultSpeed(for:)`.
    ///   - paused: start paused (`--paused`).
    ///   - policy: the placement policy of every pool (`--policy`), else as the script says.
    ///   - screenSize: the terminal's size now (later sizes arrive as resize events).
    ///   - explain: show each allocation's search (`--explain`; `e` toggles it).
    ///   - sizeChoice: how the first pool got its size, which the title bar then names with the
    ///     policy (`first fit · 49 KiB pool (peak live × 1.25)`).
    ///   - checkpointBudget: bytes the timeline's checkpoints may hold (`--checkpoint-budget`).
    public init(
        script: Script, poolSize: Int, policy: FitPolicy? = nil, speed: Double? = nil, paused: Bool = false,
        title: String? = nil, monochrome: Bool = false, screenSize: TerminalSize = TerminalSize(width: 100, height: 30),
        explain: Bool = false, sizeChoice: PoolSizeChoice? = nil,
        checkpointBudget: Int = PlayerTimeline.defaultCheckpointBudget
    ) throws(PoolError) {
        try self.init(
            script: script, poolSize: poolSize, policy: policy, heapOrder: nil, speed: speed, paused: paused,
            title: title, monochrome: monochrome, screenSize: screenSize, explain: explain, sizeChoice: sizeChoice,
            checkpointBudget: checkpointBudget)
    }

    /// A player at the start of `script` whose heaps keep their list in `heapOrder` (nil: as the
    /// script says); the other parameters as `init(script:poolSize:policy:…)`'s.
    package init(
        script: Script, poolSize: Int, policy: FitPolicy?, heapOrder: FreeListHeap.ListOrder?, speed: Double? = nil,
        paused: Bool = false, title: String? = nil, monochrome: Bool = false,
        screenSize: TerminalSize = TerminalSize(width: 100, height: 30), explain: Bool = false,
        sizeChoice: PoolSizeChoice? = nil, checkpointBudget: Int = PlayerTimeline.defaultCheckpointBudget
    ) throws(PoolError) {
        timeline = try PlayerTimeline(
            script: script, poolSize: poolSize, policy: policy, heapOrder: heapOrder,
            checkpointBudget: checkpointBudget)
        pacing = Pacing(
            speed: speed ?? Self.defaultSpeed(for: script), isPaused: paused,
            defaultSpeed: Self.defaultSpeed(for: script))
        self.title = title ?? "poolmap play — \(script.fileName)"
        self.sizeChoice = sizeChoice
        self.monochrome = monochrome
        self.screenSize = screenSize
        explainsSearch = explain
    }

    /// Scripts play at 5 operations per second, so each can be followed; traces at 200.
    static func defaultSpeed(for script: Script) -> Double {
        script.kind == .trace ? 200 : 5
    }

    /// Operations per second while playing.
    public var speed: Double { pacing.speed }

    /// Paused by the user (space, a single step, a seek).
    var isPaused: Bool {
        get { pacing.isPaused }
        set { pacing.isPaused = newValue }
    }

    /// Whether playback is over: every step run and shown.
    public var isFinished: Bool { timeline.isAtEnd }

    /// Whether the player wants ticks: playing, something still moving, or the run still being
    /// read for the timeline.
    public var wantsTicks: Bool {
        animation.isActive || (!isPaused && !timeline.isAtEnd) || !timeline.overview.isComplete
    }

    /// The playback clock: seconds of pacing so far (ticks × interval).
    public var recordingSeconds: Double { pacing.seconds }

    /// Where things are on the screen now.
    var layout: ScreenLayout {
        ScreenLayout(
            width: screenSize.width, height: screenSize.height, totalSize: shownRunner.pool.totalSize,
            hasCaption: true, hasStatement: true, hasTimeline: true)
    }
}
