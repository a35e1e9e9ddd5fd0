import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolQuiz
@testable import PoolScript

/// Runs the quiz on a ``FakeTerminal`` through ``AppRunner``, as `poolmap quiz` does.
struct QuizDrive {
    var app: QuizApp
    let terminal: FakeTerminal
    var outcome: AppRunner.Outcome?

    var state: QuizState { app.state }
    var screen: String { terminal.lastFrame?.text ?? "" }
    var caption: String { state.screenModel.caption ?? "" }
    var statement: String { state.screenModel.statement ?? "" }

    init(_ source: QuizSource, size: TerminalSize = TerminalSize(width: 100, height: 30)) throws {
        terminal = FakeTerminal(size: size)
        app = QuizApp(state: try QuizState(source: source, screenSize: size))
    }

    /// A quiz of `text`, a `.pool` script.
    init(
        script text: String, policy: FitPolicy? = nil, size: TerminalSize = TerminalSize(width: 100, height: 30)
    )
        throws
    {
        let script = try ScriptParser.parse(text, fileName: "quiz.pool")
        try self.init(QuizSource(script: script, poolSize: 1024, policy: policy, name: "quiz.pool"), size: size)
    }

    /// Delivers `events` and runs until they are used up (or the quiz quits).
    mutating func send(_ events: [InputEvent]) throws {
        terminal.enqueue(events)
        do {
            outcome = try AppRunner.run(&app, on: terminal)
        } catch is FakeTerminal.ScriptEnded {
            outcome = nil
        }
    }

    mutating func type(_ text: String) throws { try send(InputEvent.typing(text)) }

    /// Enter, then enough ticks for any reveal or playing statements to finish.
    mutating func confirm() throws { try send([.key(.enter)] + ticks(120)) }

    /// Enter on a reveal: on to the next question (past statements that play).
    mutating func next() throws {
        try send([.key(.enter)])
        if state.phase == .revealing { try send([.key(.enter)]) }
        try send(ticks(200))
    }

    func ticks(_ count: Int) -> [InputEvent] { Array(repeating: .tick, count: count) }

    /// The allocation question asked now, if any.
    var question: AllocationQuestion? {
        if case .placing(let question, _) = state.stage { return question }
        return nil
    }

    /// The marker's choice now.
    var choice: AllocationChoice? {
        if case .placing(_, let choice) = state.stage { return choice }
        return nil
    }

    /// Moves the marker to the free block starting at `start` with → from the first block.
    mutating func pick(blockAt start: Int) throws {
        let index = try #require(question?.blocks.firstIndex { $0.start == start }, "no free block at \(start)")
        try send([.key(.home)] + Array(repeating: .key(.right), count: index))
    }
}

extension QuizDrive {
    /// Answers the question asked now rightly (the block taken, or fails) and goes on.
    mutating func answerRightly() throws {
        let question = try #require(question, "no allocation question is asked")
        if let index = question.answerIndex {
            try send([.key(.home)] + Array(repeating: .key(.right), count: index))
        } else {
            try send([.character("x")])
        }
        try confirm()
        try next()
    }
}

/// Scripts the quiz tests share.
enum QuizScripts {
    /// Three allocations, a free, an aligned allocation, stats, a failure:
    /// Q1 a → 0, Q2 b → 100, Q3 c → 300, (free b), Q4 d → 512 (aligned; the hole at 100 is too
    /// small), Q5 fragmentation 1 − 212 / 412 = 48.54%, Q6 e fails.
    static let basic = """
        pool 1024 policy first
        a = alloc 100
        b = alloc 200
        c = alloc 100
        free b
        d = alloc 300 align 256
        stats
        e = alloc 1000
        """

    /// Holes of 300 B at 100, 200 B at 500 and 224 B at 800, the rover at 800, then
    /// `x = alloc 150`: first fit 100, next fit 800, best fit 500, worst fit 100.
    static func holes(_ policy: FitPolicy) -> String {
        """
        pool 1024 policy \(policy.rawValue)
        a = alloc 100
        b = alloc 300
        c = alloc 100
        d = alloc 200
        e = alloc 100
        free b
        free d
        x = alloc 150
        """
    }
}
