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

    /// What `run` reads: a script, or a trace checked now and streamed while it runs.
    static func runInput(path: String, forceTrace: Bool) throws -> HeadlessRun.Input {
        guard forceTrace || ScriptFile.kind(ofPath: path) == .trace else {
            return .script(try load(path: path, forceTrace: false))
        }
        return .trace(try exitingOnFailure { () throws(ScriptFile.LoadError) in try TraceFile(path: path) })
    }

    /// `body`'s value, or its failure printed and the exit status of scripts: 1 for an
    /// unreadable file, 2 for syntax errors.
    static func exitingOnFailure<T>(_ body: () throws(ScriptFile.LoadError) -> T) throws -> T {
        do {
            return try body()
        } catch .unreadable(let path, let reason) {
            StandardStreams.writeError("poolmap: cannot read \(path): \(reason)\n")
            if MissingFile.doesNotExist(path),
                let hint = MissingFile.guess(for: path, demos: DemoLibrary.all.map { ($0.name, $0.fileName) })
                    .hint(toolName: "poolmap")
            {
                StandardStreams.writeError("poolmap: \(hint)\n")
            }
            throw ExitCode(1)
        } catch .syntax(let errors) {
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
        help: ArgumentHelp("The .pool script, or .trace/.rep trace.", valueName: "file"),
        completion: .file(extensions: ["pool", "trace", "rep"]))
    var givenFile: String?

    /// The file to read (present: `validate()` refuses its absence).
    var file: String { givenFile ?? "" }

    @Option(
        help: "The pool for traces and for scripts without a leading pool statement (256, 4KiB, 0x100, 2M).",
        transform: ScriptLoading.parseSize)
    var size: Int?

    @Flag(help: "Read the file as a trace whatever its name.")
    var trace = false

    func validate() throws {
        guard givenFile != nil else {
            throw ValidationError(
                "give a .pool script or a .trace file (e.g. demos/first-fit.pool); with no file, "
                    + "`poolmap demo` plays a built-in demo and `poolmap` opens the explorer")
        }
    }

    /// The parsed file (or the exit status of `ScriptLoading.load`).
    func load() throws -> Script {
        try ScriptLoading.load(path: file, forceTrace: trace)
    }

    /// The pool before any `pool` statement of `script`.
    func poolSize(for script: Script) -> Int {
        ScriptLoading.poolSize(for: script, size: size)
    }
}

extension FitPolicy: ExpressibleByArgument {
    /// The policies' names, for `--help` and completions.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// The help of every `--policy` option.
let policyHelp = ArgumentHelp(
    "The placement policy of every pool (\(PolicyList.names()) fit), whatever the script says.",
    valueName: PolicyList.valueName)
