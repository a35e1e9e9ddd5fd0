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
/// and asks where the block will land (a free block, or "fails"); after each `stats` (and every
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
    /// Most log entries kept.
    static let maximumLogEntries = 500

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
    /// Everything that happened, oldest first.
    public internal(set) var log: [LogEntry] = []
    /// Fragmentation after each pool operation, for the sparkline.
    var fragmentationHistory: [Double] = []
    var animation = QuizAnimation()
    /// The map's zoom and scroll.
    var viewport = MapViewport.fit
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
        fragmentationHistory = [runner.pool.stats.fragmentation]
        record(LogEntry("quiz: \(source.name); \(Self.instructionsLine)"))
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

    /// The pool as it stands.
    public var pool: MemoryPool { runner.pool }

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

    // MARK: Flow

    /// Plays steps until the next question (or a step that takes time to show, or the end).
    mutating func proceed() {
        holdTicks = 0
        while true {
            if fragmentationDue {
                fragmentationDue = false
                if fragmentationAskedAt != poolChanges {
                    askFragmentation()
                    return
                }
            }
            var probe = runner
            guard let step = probe.step() else {
                finish()
                return
            }
            if let question = question(for: step, after: probe) {
                animation.finish()
                questionsAsked += 1
                stage = .placing(question, question.blocks.isEmpty ? .fails : .block(0))
                focus(on: question)
                return
            }
            let before = runner.pool
            runner = probe
            let hold = play(step, before: before)
            if hold > 0 {
                holdTicks = hold
                stage = .playing
                return
            }
        }
    }

    /// The allocation question `step` asks, if it is an allocation the allocator answered.
    private func question(for step: Step, after: ScriptRunner) -> AllocationQuestion? {
        let request: (size: Int, alignment: Int)
        switch (step.operation, step.outcome) {
        case (.alloc(_, _, let size, let alignment), .offset),
            (.alloc(_, _, let size, let alignment), .allocationFailed):
            request = (size, alignment ?? 1)
        case (.realloc(_, let size, _), .offset), (.realloc(_, let size, _), .allocationFailed):
            request = (size, 1)
        default:
            return nil
        }
        return AllocationQuestion(
            number: questionsAsked + 1, step: step, size: request.size, alignment: request.alignment,
            before: runner.pool, after: after)
    }

    /// Shows a step that asks nothing: logs it, animates it.
    /// - Returns: the ticks to wait before the next step.
    private mutating func play(_ step: Step, before: MemoryPool) -> Int {
        if let error = step.error {
            record(LogEntry("line \(step.line): \(step.statementText): \(error)", isError: true))
            return Self.playTicks
        }
        switch (step.operation, step.outcome) {
        case (.say(let text), _):
            caption = text
            return 0
        case (.wait, _):
            return 0
        case (.stats, _):
            record(LogEntry("line \(step.line): stats"))
            fragmentationDue = true
            return 0
        case (.pool(let size, let policy), _):
            animation.finish()
            caption = nil
            noteChange()
            record(LogEntry("line \(step.line): a new pool of \(ByteSize.formatExact(size)), \(policy.rawValue) fit"))
            return 0
        case (.defrag, .mapping(let moves)):
            animation.finish()
            noteChange()
            var mapping: [Int: Int] = [:]
            for move in moves { mapping[move.old] = move.new }
            animation.startSlide(moves: mapping, in: runner.pool)
            let moved = moves.filter { $0.old != $0.new }.count
            record(LogEntry("line \(step.line): defrag moved \(moved) block\(moved == 1 ? "" : "s")"))
            return Self.defragmentTicks
        case (.free(_, _, let offset), _):
            animation.finish()
            noteChange()
            if let offset, let block = before.block(at: offset) { animation.blockFaded(block.start..<block.end) }
            record(LogEntry("line \(step.line): \(step.statementText)"))
            return Self.playTicks
        default:
            noteChange()
            record(LogEntry("line \(step.line): \(step.statementText) → \(step.outcomeText)"))
            return Self.playTicks
        }
    }

    /// Counts a change of the pool and samples its fragmentation.
    mutating func noteChange() {
        poolChanges += 1
        fragmentationHistory.append(runner.pool.stats.fragmentation)
        if fragmentationHistory.count > 256 { fragmentationHistory.removeFirst(fragmentationHistory.count - 256) }
    }

    /// Asks for the fragmentation now.
    private mutating func askFragmentation() {
        animation.finish()
        questionsAsked += 1
        fragmentationAskedAt = poolChanges
        let question = FragmentationQuestion(number: questionsAsked, stats: runner.pool.stats)
        stage = .fragmentation(question, PromptLine(label: "fragmentation now, in %"))
    }

    /// Every question was asked.
    private mutating func finish() {
        animation.finish()
        stage = .finished
        let total = score.answered
        let share = NumberText.wholePercent(score.totalRight, of: max(1, total))
        record(LogEntry("quiz over: \(score.totalRight) of \(total) right (\(total == 0 ? "0%" : share))"))
    }

    // MARK: Answers

    /// Enter on an allocation question: score it and reveal the search.
    mutating func answer(_ question: AllocationQuestion, _ choice: AllocationChoice) {
        let verdict = question.verdict(for: choice)
        score.record(question.kind, isRight: verdict.isRight)
        allocationsAnswered += 1
        let said: String
        switch choice {
        case .fails: said = "fails"
        case .block(let index):
            let block = question.blocks[index]
            said = HexOffset.format(block.alignedOffset ?? block.start, digits: digits)
        }
        record(LogEntry("Q\(question.number) \(question.request): you said \(said). \(verdict.headline)"))
        record(LogEntry(verdict.detail))
        answerMarks.append(
            CastMark(
                seconds: recordingSeconds,
                text: "Q\(question.number) \(question.request): \(said), \(verdict.isRight ? "right" : "wrong")"))
        // The pool moves on to after the allocation; the search plays on the pool before it.
        runner = question.after
        noteChange()
        let footprint: Range<Int>? = {
            guard case .offset(let offset) = question.step.outcome, let block = runner.pool.block(at: offset) else {
                return nil
            }
            return block.start..<block.end
        }()
        animation.finish()
        animation.search = SearchAnimation(search: question.search, before: question.before, appearing: footprint)
        if source.random != nil, allocationsAnswered % Self.fragmentationEvery == 0 { fragmentationDue = true }
        stage = .revealingAllocation(question, choice, verdict)
    }

    /// Enter on the fragmentation question: score the typed percentage, or say why it is none.
    mutating func answer(_ question: FragmentationQuestion, typed line: PromptLine) {
        switch FragmentationAnswer.parse(line.text) {
        case .failure(let error):
            var refused = line
            refused.error = error.description
            stage = .fragmentation(question, refused)
        case .success(let value):
            let verdict = question.verdict(for: value)
            score.record(.fragmentation, isRight: verdict.isRight)
            record(LogEntry("Q\(question.number) fragmentation: you said \(line.text). \(verdict.headline)"))
            record(LogEntry(verdict.detail))
            answerMarks.append(
                CastMark(
                    seconds: recordingSeconds,
                    text: "Q\(question.number) fragmentation: \(line.text), \(verdict.isRight ? "right" : "wrong")"))
            stage = .revealingFragmentation(question, verdict)
        }
    }

    /// Enter or space during a reveal: the search to its end first, then on to the next question.
    mutating func continueFromReveal() {
        if animation.search?.decide() == true { return }
        animation.finish()
        proceed()
    }

    /// Enter or space while statements play: play them all at once, up to the next question.
    mutating func skipAhead() {
        animation.finish()
        holdTicks = 0
        proceed()
        while case .playing = stage {
            animation.finish()
            proceed()
        }
    }

    /// `g` at the end: the same questions again, from the start (`n`: new ones from the next
    /// seed, in random mode).
    mutating func restart(with newSource: QuizSource? = nil) {
        let next = newSource ?? source
        guard let fresh = try? ScriptRunner(script: next.script, poolSize: next.poolSize, policy: next.policy) else {
            return
        }
        source = next
        runner = fresh
        stage = .playing
        score = QuizScore()
        questionsAsked = 0
        allocationsAnswered = 0
        poolChanges = 0
        fragmentationAskedAt = nil
        fragmentationDue = false
        caption = nil
        viewport = .fit
        animation.finish()
        fragmentationHistory = [runner.pool.stats.fragmentation]
        record(LogEntry(newSource == nil ? "retry: the same questions again" : "new questions: \(source.name)"))
        proceed()
    }

    /// One tick: animations advance; playing statements go on when their time is up.
    mutating func tick() {
        ticks += 1
        animation.advance()
        guard case .playing = stage else { return }
        holdTicks -= 1
        if holdTicks <= 0 { proceed() }
    }

    /// The hex digits of this pool's offsets.
    var digits: Int { HexOffset.digits(forPoolSize: runner.pool.totalSize) }

    mutating func record(_ entry: LogEntry) {
        log.append(entry)
        if log.count > Self.maximumLogEntries { log.removeFirst(log.count - Self.maximumLogEntries) }
    }
}
