import ArgumentParser
import PoolAllocator
import PoolCommandLine
import PoolReport
import PoolScript
import PoolText

/// What `run`, `play` and `demo` share: loading a file with the exit statuses of scripts
/// (1 unreadable, 2 syntax errors), the pool size, and the `--size` option's grammar.
enum ScriptLoading {
    /// Reads and parses `path`, or prints why not and exits 1 (unreadable) or 2 (syntax errors).
    /// When nothing is at `path`, a file or built-in demo one or two edits away is suggested.
    static func load(path: String, forceTrace: Bool) throws -> Script {
        try exitingOnFailure { () throws(ScriptFile.LoadError) in
            try ScriptFile.load(path: path, forceTrace: forceTrace)
        }
    }

    /// The format to read `path` in: `forced` (`--input-format`, `--trace`), else what
    /// `InputFormat.detect` finds (content first, then the name).
    static func format(path: String, forced: InputFormat?) throws -> InputFormat {
        if let forced { return forced }
        // Not through `exitingOnFailure`'s closure: optimized, that form crashed Swift 6.3.1's
        // ownership verifier (CopyPropagation) in `ScriptFileOptions.inputFormat()`.
        do {
            return try InputFormat.detect(path: path)
        } catch {
            try exit(for: error)
        }
    }

    /// Reads `path` in `format`: a snapshot replays `device` (see `SnapshotLoading`).
    static func load(path: String, format: InputFormat, device: Int?) throws -> Script {
        if format == .snapshot {
            return SnapshotLoading.script(of: try SnapshotLoading.replay(path: path, device: device))
        }
        return try exitingOnFailure { () throws(ScriptFile.LoadError) in
            try ScriptFile.load(path: path, format: format)
        }
    }

    /// What `run` reads: a script, or a trace checked now and streamed while it runs (other
    /// formats are converted whole first).
    static func runInput(path: String, format: InputFormat, device: Int?) throws -> HeadlessRun.Input {
        guard format == .trace else { return .script(try load(path: path, format: format, device: device)) }
        return .trace(try exitingOnFailure { () throws(ScriptFile.LoadError) in try TraceFile(path: path) })
    }

    /// `body`'s value, or its failure printed and the exit status of scripts: 1 for an
    /// unreadable file, 2 for syntax errors.
    static func exitingOnFailure<T>(_ body: () throws(ScriptFile.LoadError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            try exit(for: error)
        }
    }

    /// Prints why loading failed and throws the exit status of scripts: 1 for an unreadable
    /// file (with a guess when nothing is there), 2 for syntax errors (with a hint when the file
    /// is a program or its source).
    static func exit(for error: ScriptFile.LoadError) throws -> Never {
        switch error {
        case .unreadable(let path, let reason):
            StandardStreams.writeError("poolmap: cannot read \(path): \(reason)\n")
            if MissingFile.doesNotExist(path),
                let hint = MissingFile.guess(for: path, demos: DemoLibrary.all.map { ($0.name, $0.fileName) })
                    .hint(toolName: "poolmap")
            {
                StandardStreams.writeError("poolmap: \(hint)\n")
            }
            throw ExitCode(1)
        case .syntax(let errors):
            StandardStreams.writeError(errors.description + "\n")
            if let first = errors.diagnostics.first,
                let hint = ProgramInput.hint(
                    path: first.fileName, isBinary: first.message.hasPrefix("binary file"), toolName: "poolmap")
            {
                StandardStreams.writeError("poolmap: \(hint)\n")
            }
            throw ExitCode(2)
        }
    }

    /// Parses embedded text (a built-in demo); syntax errors exit 2 like a file's.
    static func parse(_ text: String, fileName: String, kind: Script.Kind) throws -> Script {
        do {
            return try ScriptFile.parse(Array(text.utf8), fileName: fileName, kind: kind)
        } catch {
            StandardStreams.writeError(error.description + "\n")
            throw ExitCode(2)
        }
    }

    /// The pool before any `pool` statement: `--size`, else the script's default.
    static func poolSize(for script: Script, size: Int?) -> Int {
        size ?? ScriptRunner.defaultPoolSize(for: script)
    }

    /// `--size`: the size grammar, at least 1 byte; a mistake is a usage error.
    static func parseSize(_ text: String) throws -> Int {
        do {
            return try ByteSize.parsePositive(text)
        } catch {
            throw ValidationError("--size: \(error)")
        }
    }
}

/// The input `run` and `play` (and every command that reads a script) share: the file, the
/// pool size for traces and pool-less scripts, and `--trace`.
struct ScriptFileOptions: ParsableArguments {
    // Optional only so that its absence gets a message that says where to start (argument-parser
    // would say "missing expected argument"); `validate()` requires it.
    @Argument(
        help: ArgumentHelp(
            "The .pool script, .trace/.rep trace, glibc mtrace log or PyTorch snapshot.", valueName: "file"),
        completion: .file(extensions: ["pool", "trace", "rep", "pickle"]))
    var givenFile: String?

    /// The file to read (present: `validate()` refuses its absence).
    var file: String { givenFile ?? "" }

    @Option(
        help: "The pool for traces and for scripts without a leading pool statement (256, 4KiB, 0x100, 2M).",
        transform: ScriptLoading.parseSize)
    var size: Int?

    @Flag(help: "Read the file as a trace whatever its name (--input-format trace).")
    var trace = false

    @OptionGroup var format: InputFormatOptions

    func validate() throws {
        guard givenFile != nil else {
            throw ValidationError(
                "give a .pool script or a .trace file (e.g. demos/first-fit.pool); with no file, "
                    + "`poolmap demo` plays a built-in demo and `poolmap` opens the explorer")
        }
        try format.validate(trace: trace)
    }

    /// The file's format: `--input-format` or `--trace`, else detected.
    func inputFormat() throws -> InputFormat {
        try ScriptLoading.format(path: file, forced: format.forced(trace: trace))
    }

    /// The parsed file (or the exit status of `ScriptLoading.load`).
    func load() throws -> Script {
        try ScriptLoading.load(path: file, format: try inputFormat(), device: format.device)
    }

    /// What `run` and a headless `compare` read (see `ScriptLoading.runInput`).
    func runInput() throws -> HeadlessRun.Input {
        try ScriptLoading.runInput(path: file, format: try inputFormat(), device: format.device)
    }

    /// Whether the file is a snapshot shown as recorded: no `--replay`, and nothing only a
    /// replay has (`policy`, `--size`).
    func readsAsRecorded(policy: FitPolicy?) throws -> Bool {
        guard policy == nil, size == nil, !format.replay else { return false }
        return try inputFormat() == .snapshot
    }

    /// The pool before any `pool` statement of `script`.
    func poolSize(for script: Script) -> Int {
        ScriptLoading.poolSize(for: script, size: size)
    }
}

/// The input format options of every command that reads a file: `--input-format`, and a
/// snapshot's `--device` and `--replay`.
struct InputFormatOptions: ParsableArguments {
    @Option(
        name: .customLong("input-format"),
        help: ArgumentHelp(
            "Read the file as this format whatever its content and name (default: detected from the content, "
                + "then the name).", valueName: InputFormat.allCases.map(\.rawValue).joined(separator: "|")))
    var inputFormat: InputFormat?

    @Option(help: "The device of a PyTorch snapshot to replay (default: the only device with events).")
    var device: Int?

    @Flag(
        help: ArgumentHelp(
            "Replay a PyTorch snapshot's allocations under poolmap's policies (run reports a snapshot as "
                + "recorded without it; play, compare and quiz always replay, for now)."))
    var replay = false

    /// `--trace` is `--input-format trace`; they may not disagree.
    func validate(trace: Bool) throws {
        if trace, let inputFormat, inputFormat != .trace {
            throw ValidationError("--trace reads the file as a trace; it contradicts --input-format \(inputFormat)")
        }
        if let device, device < 0 { throw ValidationError("--device must be 0 or more, not \(device)") }
    }

    /// The format forced on the command line, if any.
    func forced(trace: Bool) -> InputFormat? {
        inputFormat ?? (trace ? .trace : nil)
    }
}

extension InputFormat: ExpressibleByArgument {}

extension FitPolicy: ExpressibleByArgument {
    /// The policies' names, for `--help` and completions.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// The help of every `--policy` option.
let policyHelp = ArgumentHelp(
    "The placement policy of every pool (\(PolicyList.names()) fit), whatever the script says.",
    valueName: PolicyList.valueName)
