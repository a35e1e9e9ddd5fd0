import MemoryMap
import PoolAllocator
import PoolApp
import PoolScript
import PoolText

/// The quiz as an app: ``QuizState`` drawn by the `MemoryMap` renderer, recordable as a cast
/// (`--record`): its clock counts ticks and half a second per key or click, and each answer is
/// a marker.
public typealias QuizApp = App<QuizState>

/// The quiz (`poolmap quiz`): a script runs step by step, and before each allocation it stops
/// and asks where the block will land (a free block, or "fails"; in a heap scene, the element
/// of the free list it takes, in list order); after each `stats` (and every
/// 10 allocation questions in random mode) it asks for the fragmentation. Each answer is
/// revealed with the allocation's search played on the map and a line saying why. Frees,
/// defragments and the other statements play without a question.
///
/// A value driven by events (`reduce`), drawn only through `screenModel`, like the explorer
/// and the player.
public struct QuizState: RecordableAppState {
    /// Where the quiz stands, as tests and the footer see it.
    public enum Phase: Equatable, Sendable {
        /// Statements without a question are playing.
        case playing
        /// An allocation question is asked: the marker moves over the free blocks.
        case placing
        /// The fragmentation question is asked: a percentage is typed.
        case fragmentation
        /// An answer is revealed.
        case revealing
        /// Every question was asked: the results.
        case finished
    }

    /// The stage and what it holds.
    enum Stage: Sendable {
        case playing
        case placing(AllocationQuestion, AllocationChoice)
        case fragmentation(FragmentationQuestion, PromptLine)
        case revealingAllocation(AllocationQuestion, AllocationChoice, QuizVerdict)
        case revealingFragmentation(FragmentationQuestion, QuizVerdict)
        case finished
    }

    /// Ticks between statements that play without a question (a free, a runtime error).
    static let playTicks = 8
    /// Ticks a defragment takes before the quiz goes on: its slide and a moment more.
    static let defragmentTicks = SlideAnimation.ticks + 5
    /// In random mode, a fragmentation question after every this many allocation questions.
    static let fragmentationEvery = 10
    /// Seconds a key or click adds to a recording's clock: the time to think, compressed.
    static let secondsPerInput = 0.5

    /// Where the questions come from.
    public internal(set) var source: QuizSource
    /// The run: the pool as it stands before the step being asked about.
    var runner: ScriptRunner
    var stage: Stage = .playing
    /// Right and wrong answers per kind of question.
    public internal(set) var score = QuizScore()
    /// Questions asked so far (1-based numbers).
    public internal(set) var questionsAsked = 0
    /// Allocation questions answered so far (random mode asks for the fragmentation every 10).
    var allocationsAnswered = 0
    /// Pool operations so far, and the count when the fragmentation was last asked about, so
    /// that it is never asked twice about the same pool.
    var poolChanges = 0
    var fragmentationAskedAt: Int?
    /// A fragmentation question is due before the next step.
    var fragmentationDue = false
    /// Ticks to wait before the next step plays.
    var holdTicks = 0
    /// Everything that happened, oldest first (the newest 500).
    var events = BoundedLog<LogEntry>(capacity: 500)
    /// Fragmentation after each pool operation, for the sparkline (the newest 256).
    var fragmentationHistory = BoundedLog<Double>(capacity: 256)
    /// What moves on the map: a freed block fades, a defragment slides, and a reveal plays the
    /// allocation's search, after which the new block stays lit until the next question.
    var animation = ExplorerAnimation(keepsNewBlockLit: true)
    /// The map's zoom and scroll (the quiz selects no block: its marker is the stage's).
    var navigation = MapNavigation()
    /// The latest `say` caption.
    var caption: String?
    /// Whether the help overlay is open.
    public internal(set) var isHelpOpen = false
    /// The terminal's size, for clicks and zoom as the screen shows them.
    public var screenSize: TerminalSize
    /// Draw for terminals without colour.
    public var monochrome: Bool
    /// The recording clock: ticks and inputs so far.
    var ticks = 0
    var inputs = 0
    /// One cast marker per answer.
    var answerMarks: [CastMark] = []
    /// One cast marker per answer, for `--record`.
    public var recordingMarks: [CastMark] { answerMarks }

    /// A quiz at the start of `source`, already at its first question (or playing toward it).
    /// - Throws: `PoolError.invalidPoolSize` when the source's pool size is below 1.
    public init(
        source: QuizSource, screenSize: TerminalSize = TerminalSize(width: 100, height: 30), monochrome: Bool = false
    ) throws(PoolError) {
        self.source = source
        self.screenSize = screenSize
        self.monochrome = monochrome
        runner = try ScriptRunner(script: source.script, poolSize: source.poolSize, policy: source.policy)
        fragmentationHistory.append(runner.state.stats.fragmentation)
        events.append(LogEntry("quiz: \(source.name); \(Self.instructionsLine)"))
        proceed()
    }

    static let instructionsLine = "predict where each allocation lands, then see why"

    /// The phase, for tests and the footer.
    public var phase: Phase {
        switch stage {
        case .playing: return .playing
        case .placing: return .placing
        case .fragmentation: return .fragmentation
        case .revealingAllocation, .revealingFragmentation: return .revealing
        case .finished: return .finished
        }
    }

    /// Everything that happened, oldest first (the newest 500).
    public var log: [LogEntry] { events.entries }

    /// The pool as it stands (in a heap scene, a stand-in for the heap's size).
    public var pool: MemoryPool { runner.pool }

    /// Whether the scene is a free-list heap's: the map draws the heap, and the answers are
    /// elements of its free list, at offsets from its base.
    public var isHeapScene: Bool { runner.state.heap != nil }

    /// Whether the quiz wants ticks: something moves, or statements are playing.
    public var wantsTicks: Bool {
        if animation.isActive { return true }
        if case .playing = stage { return true }
        return false
    }

    /// Seconds on the recording clock.
    public var recordingSeconds: Double {
        Double(ticks) * AppTick.seconds + Double(inputs) * Self.secondsPerInput
    }
}
