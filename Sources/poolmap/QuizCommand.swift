import ArgumentParser
import CursesTerminal
import PoolAllocator
import PoolApp
import PoolQuiz
import PoolScript

/// `poolmap quiz`: predict where each allocation lands, then see why. Wiring only: the quiz is
/// `QuizState` in `PoolQuiz`.
struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quiz yourself: predict where each allocation lands (or that it fails), then see the search.",
        discussion: """
            Questions come from a script or trace, a built-in demo (--demo) or N random operations \
            (--random N, the same as `poolmap worksheet --ops N` with the same flags). Before each \
            allocation the quiz asks where it lands: ←/→ (or h/l, or a click) moves the marker over the \
            free blocks, x says it fails, Enter answers. The reveal plays the policy's search on the map \
            and says why. After each stats statement (every 10 questions in random mode) it asks for the \
            fragmentation, typed as a percentage (34, 34% or 34.2; right within 1 point). At the end: \
            g retries the same questions, n draws new ones (random mode), q quits at any time. Needs a \
            terminal; on paper, use `poolmap worksheet`. In a heap scene (a `heap` statement, or \
            `poolmap ostep FLAGS --quiz`) the answer is the free-list element the allocation takes, in list \
            order: 1-9 picks the element at that place, ←/→ move along the list, a click picks one on the map.

            Examples:
              poolmap quiz --random 20
                  20 random operations on a 4 KiB pool, first fit
              poolmap quiz --random 30 --policy best --seed 7 --free-percent 30
                  best fit, reproducible from seed 7, fewer frees
              poolmap quiz --demo first-fit
                  the allocations of a built-in demo
              poolmap quiz sheet.pool --record quiz.cast
                  a worksheet (or any script), recorded as an asciinema cast
            """
    )

    @Argument(
        help:
            "A .pool script, .trace/.rep trace, glibc mtrace log or PyTorch snapshot whose allocations are the questions.",
        completion: .file(extensions: ["pool", "trace", "rep", "pickle"]))
    var file: String?

    @Option(help: "Quiz a built-in demo (see `poolmap demo --list`).", completion: .list(DemoLibrary.all.map(\.name)))
    var demo: String?

    @Option(
        help: ArgumentHelp(
            "Quiz N random operations (1 to 1000; N counts operations, not questions).", valueName: "n"))
    var random: Int?

    @Option(help: "The seed of --random (default 1): the same seed gives the same questions.")
    var seed: UInt64?

    @Option(
        help: "The pool: for --random (default 4KiB), or for traces and scripts without a pool statement.",
        transform: ScriptLoading.parseSize)
    var size: Int?

    @Option(help: policyHelp)
    var policy: FitPolicy?

    @Option(
        help: ArgumentHelp("How often a random operation frees a live block, in percent (default 40).", valueName: "p"))
    var freePercent: Int?

    @Flag(help: "With --random: take the first draw as it comes, as `poolmap worksheet --easy` does.")
    var easy = false

    @Option(help: ArgumentHelp("Record the session as an asciinema v2 cast, answers included.", valueName: "file.cast"))
    var record: String?

    @Flag(help: "Read FILE as a trace whatever its name (--input-format trace).")
    var trace = false

    @OptionGroup var format: InputFormatOptions

    @Flag(name: .long, help: "No colours: glyphs and attributes only (also when NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        let sources = [file != nil, demo != nil, random != nil].filter { $0 }.count
        guard sources == 1 else {
            throw ValidationError(
                sources == 0
                    ? "say what to quiz: a FILE, --demo NAME or --random N"
                    : "quiz one thing at a time: a FILE, --demo NAME or --random N")
        }
        if let demo, DemoLibrary.named(demo) == nil {
            throw ValidationError(Demo.unknownNameMessage(demo))
        }
        try format.validate(trace: trace)
        if format.inputFormat != nil, file == nil {
            throw ValidationError("--input-format says how to read FILE: give a FILE")
        }
        if trace, file == nil {
            throw ValidationError("--trace reads FILE as a trace: give a FILE")
        }
        if random == nil, seed != nil || freePercent != nil || easy {
            throw ValidationError("--seed, --free-percent and --easy shape random questions: use them with --random N")
        }
        if let random, !QuestionGenerator.Options.operationRange.contains(random) {
            throw ValidationError("--random takes 1 to 1000 operations, not \(random)")
        }
        if let freePercent, !(0...100).contains(freePercent) {
            throw ValidationError("--free-percent is a percentage from 0 to 100, not \(freePercent)")
        }
    }

    func run() throws {
        try Self.present(try quizSource(), noColor: noColor, record: record)
    }

    /// Runs the quiz of `source` full screen (`poolmap quiz`, `poolmap ostep --quiz`),
    /// recording it as a cast to `record` when given.
    static func present(_ source: QuizSource, noColor: Bool, record: String?) throws {
        guard StandardStreams.isInteractive else {
            StandardStreams.writeError(
                "poolmap: the quiz needs a terminal (standard input and output); "
                    + "for paper, `poolmap worksheet --ops N` prints the questions\n")
            throw ExitCode(1)
        }
        var recorder: CastRecorder?
        let status = CursesTerminal.runFullScreen(noColor: noColor) { terminal in
            if record != nil {
                recorder = CastRecorder(
                    width: terminal.size.width, height: terminal.size.height, depth: terminal.colorDepth)
            }
            return QuizApp(
                state: try QuizState(
                    source: source, screenSize: terminal.size, monochrome: terminal.colorDepth == .monochrome))
        } onFrame: { grid, app in
            recorder?.record(grid, of: app)
        }
        if let recorder, let path = record {
            try StandardStreams.writeFile(recorder.text, to: path)
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The questions: the file, the demo, or the generator's operations.
    func quizSource() throws -> QuizSource {
        if let random {
            let options = QuestionGenerator.Options(
                operations: random, poolSize: size ?? QuestionGenerator.Options.defaultPoolSize,
                policy: policy ?? .first, seed: seed ?? QuestionGenerator.Options.defaultSeed,
                freePercent: freePercent ?? QuestionGenerator.Options.defaultFreePercent, easy: easy)
            do {
                return try QuizSource.random(options)
            } catch {
                throw ValidationError(error.description)
            }
        }
        if let demo, let found = DemoLibrary.named(demo) {
            let script = try ScriptLoading.parse(found.text, fileName: found.fileName, kind: found.kind)
            return QuizSource(
                script: script, poolSize: ScriptLoading.poolSize(for: script, size: size), policy: policy,
                name: "demo \(found.name)")
        }
        let path = file ?? ""
        let script = try ScriptLoading.load(
            path: path, format: try ScriptLoading.format(path: path, forced: format.forced(trace: trace)),
            device: format.device)
        return QuizSource(
            script: script, poolSize: ScriptLoading.poolSize(for: script, size: size), policy: policy,
            name: script.fileName)
    }
}
