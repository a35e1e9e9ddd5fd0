import PoolAllocator
import PoolScript
import PoolText

/// `poolmap run`: a script or trace run without a terminal, its report written as it goes.
///
/// Memory follows the pool, not the run: a trace file is read in pieces and never kept
/// (`TraceFile`), no step is kept beyond what the chosen output needs (at most
/// `Events.defaultLimit` for a listed text log, `tailEvents` for a summarized one), and JSON
/// steps are written as they happen. The caller gives two sinks (standard output and standard
/// error on the command line, strings in tests); this type decides what goes where.
public enum HeadlessRun {
    /// The report's format.
    public enum Format: String, Sendable, CaseIterable {
        /// The map line, legend, stats and event log.
        case text
        /// `{"steps", "policy", "stats", "figures", "regions"}`.
        case json
    }

    /// Which events the text report lists.
    public enum Events: Equatable, Sendable {
        /// Every event, however many.
        case all
        /// Every event when there are at most this many; beyond, a summary and the last
        /// `tailEvents`.
        case upTo(Int)

        /// Events listed whole unless `--events` says otherwise.
        public static let defaultLimit = 1000
        /// What `--events` means when it is not given: `upTo(defaultLimit)`.
        public static let `default` = Events.upTo(defaultLimit)
    }

    /// What a run reads: a script in memory, or a trace file read again while it runs.
    public enum Input: Sendable {
        case script(Script)
        case trace(TraceFile)

        /// The file name used in messages.
        public var fileName: String {
            switch self {
            case .script(let script): return script.fileName
            case .trace(let file): return file.path
            }
        }

        /// Steps the whole run takes.
        public var stepCount: Int {
            switch self {
            case .script(let script): return script.stepCount
            case .trace(let file): return file.statementCount
            }
        }

        /// Whether the input is a trace (a file read as one, or a trace script).
        var kind: Script.Kind {
            switch self {
            case .script(let script): return script.kind
            case .trace: return .trace
            }
        }

        /// How the run's pool gets its size, `--size` given or not.
        func sizeChoice(sizeGiven: Bool) -> PoolSizeChoice {
            switch self {
            case .script(let script): return PoolSizeChoice(script: script, sizeGiven: sizeGiven)
            case .trace: return PoolSizeChoice(kind: .trace, sizeGiven: sizeGiven)
            }
        }

        /// The pool before any `pool` statement when `--size` does not say.
        public var defaultPoolSize: Int {
            switch self {
            case .script(let script): return ScriptRunner.defaultPoolSize(for: script)
            case .trace(let file): return file.defaultPoolSize
            }
        }
    }

    /// Events a summarized text report still lists: the last ones.
    public static let tailEvents = 20
    /// Output is handed over in pieces of about this many bytes.
    static let chunkBytes = 1 << 16

    /// Runs `input` on a pool of `poolSize` bytes (before any `pool` statement; nil: the
    /// input's default, `Input.defaultPoolSize`, which the report's first line then names).
    /// - Parameters:
    ///   - policy: the placement policy of every pool (`--policy`), else as the script says.
    ///   - width: characters in a text map line.
    ///   - every: the state after every step (a text block per step, or JSON Lines, one object
    ///     per pool operation) instead of one final report.
    ///   - events: which events a final text report lists.
    ///   - output: receives the report, in order, in pieces.
    ///   - errors: receives each runtime error as a `FILE:LINE: error: …` line with its newline.
    /// - Returns: how many runtime errors the run had (`poolmap run` then exits 1).
    /// - Throws: `PoolError.invalidPoolSize` when `poolSize < 1`; `ScriptFile.LoadError` when a
    ///   trace file can no longer be read.
    public static func run(
        _ input: Input, poolSize: Int?, policy: FitPolicy? = nil, format: Format, width: Int, every: Bool,
        events: Events = .default, output: (String) -> Void, errors: (String) -> Void
    ) throws -> Int {
        try withoutActuallyEscaping(output) { output in
            try run(
                input, poolSize: poolSize ?? input.defaultPoolSize,
                sizeChoice: input.sizeChoice(sizeGiven: poolSize != nil), policy: policy,
                format: format, width: width, every: every, events: events, out: Chunked(sink: output),
                errors: errors)
        }
    }

    private static func run(
        _ input: Input, poolSize: Int, sizeChoice: PoolSizeChoice, policy: FitPolicy?, format: Format, width: Int,
        every: Bool, events: Events, out: Chunked, errors: (String) -> Void
    ) throws -> Int {
        var out = out
        var runner = try ScriptRunner(script: emptyScript(input), poolSize: poolSize, policy: policy)
        let fileName = input.fileName
        func reportError(_ step: Step) {
            if let line = step.errorLine(fileName: fileName) { errors(line + "\n") }
        }
        switch (format, every) {
        case (.json, true):
            try forEachStep(input, &runner) { step, runner in
                reportError(step)
                guard step.isPoolOperation else { return }
                out.write(RunReport.jsonLine(step: step, after: runner.state) + "\n")
            }
        case (.text, true):
            try forEachStep(input, &runner) { step, runner in
                reportError(step)
                out.write(RunReport.textBlock(step: step, after: runner.state, width: width))
            }
        case (.json, false):
            var report = JSONReport()
            out.write(report.begin())
            try forEachStep(input, &runner) { step, _ in
                reportError(step)
                out.append { report.add(step, to: &$0) }
            }
            out.append { report.end(runner.state, to: &$0) }
        case (.text, false):
            try text(
                input, poolSize: poolSize, sizeChoice: sizeChoice, runner: &runner, width: width, events: events,
                out: &out
            ) {
                reportError($0)
            }
        }
        out.flush()
        return runner.state.errorCount
    }

    /// The final text report: the heading, the final state and the summary, then every event
    /// listed or the last events.
    private static func text(
        _ input: Input, poolSize: Int, sizeChoice: PoolSizeChoice, runner: inout ScriptRunner, width: Int,
        events: Events, out: inout Chunked, reportError: (Step) -> Void
    ) throws {
        let total = input.stepCount
        let listsEvery: Bool
        switch events {
        case .all: listsEvery = true
        case .upTo(let limit): listsEvery = total <= limit
        }
        var summary = RunSummary()
        if listsEvery, total <= Events.defaultLimit {
            // Short enough to keep: one pass.
            var steps: [Step] = []
            try forEachStep(input, &runner) { step, runner in
                reportError(step)
                steps.append(step)
                summary.add(step, after: runner.state.stats)
            }
            let report = RunReport(
                script: runner.script, steps: steps, final: runner.state, summary: summary, sizeChoice: sizeChoice)
            out.write(report.text(width: width))
            return
        }
        if listsEvery {
            // Every one of many events: a first pass for the final state and the summary that
            // head the report, then a second that writes each event as it comes.
            var lastLine: Int?
            try forEachStep(input, &runner) { step, runner in
                reportError(step)
                summary.add(step, after: runner.state.stats)
                lastLine = step.line
            }
            let numberWidth = RunReport.numberWidth(lastLine: lastLine)
            let head = RunReport.headLines(runner.state, sizeChoice: sizeChoice, summary: summary, width: width)
            out.write((head + ["events:"]).joined(separator: "\n") + "\n")
            var again = try ScriptRunner(script: emptyScript(input), poolSize: poolSize, policy: runner.policy)
            try forEachStep(input, &again) { step, _ in
                out.write(RunReport.eventLine(step, numberWidth: numberWidth) + "\n")
            }
            return
        }
        var tail: [Step] = []
        tail.reserveCapacity(tailEvents)
        var next = 0  // where the next step goes in `tail`, a ring once full
        try forEachStep(input, &runner) { step, runner in
            reportError(step)
            summary.add(step, after: runner.state.stats)
            if tail.count < tailEvents { tail.append(step) } else { tail[next] = step }
            next = (next + 1) % tailEvents
        }
        let last = Array(tail[next...] + tail[..<next])
        let numberWidth = RunReport.numberWidth(lastLine: last.last?.line)
        let shown = min(tailEvents, summary.steps)
        var lines = RunReport.headLines(runner.state, sizeChoice: sizeChoice, summary: summary, width: width)
        lines.append("events: the last \(shown) of \(NumberText.grouped(summary.steps)) (--events all lists every one)")
        lines.append("  …")
        lines += last.map { RunReport.eventLine($0, numberWidth: numberWidth) }
        out.write(lines.joined(separator: "\n") + "\n")
    }

    /// A script with the input's kind and name whose statements the runner reads: the script
    /// itself, or no statements for a trace streamed in by `forEachStep`.
    static func emptyScript(_ input: Input) -> Script {
        switch input {
        case .script(let script): return script
        case .trace(let file): return file.emptyScript
        }
    }

    /// Runs every step of `input` on `runner`, handing each to `body` with the runner after it
    /// (lent, not copied: a copy of the state would cost a retain of everything it holds).
    static func forEachStep(
        _ input: Input, _ runner: inout ScriptRunner, _ body: (Step, inout ScriptRunner) -> Void
    ) throws {
        switch input {
        case .script:
            while let step = runner.step() { body(step, &runner) }
        case .trace(let file):
            try file.forEachStatement { statement in
                // A trace statement is always exactly one step.
                if let step = runner.step(reading: { statement }) { body(step, &runner) }
            }
        }
    }
}

/// Output gathered into pieces of about `HeadlessRun.chunkBytes` before it goes to the sink.
private struct Chunked {
    let sink: (String) -> Void
    var buffer = TextBuffer(capacity: HeadlessRun.chunkBytes + 4096)

    init(sink: @escaping (String) -> Void) {
        self.sink = sink
    }

    mutating func write(_ text: String) {
        append { $0.append(text) }
    }

    /// Lets `body` append to the buffer directly, then hands a full piece over.
    mutating func append(_ body: (inout TextBuffer) -> Void) {
        body(&buffer)
        if buffer.count >= HeadlessRun.chunkBytes { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        sink(buffer.text)
        buffer.removeAll()
    }
}
