import ArgumentParser
import PoolFiles
import PoolScript
import PoolSnapshot

/// `poolmap convert IN [-o OUT]`: any trace-like input as poolmap's own `.trace`.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a trace, malloc-lab .rep, glibc mtrace log or PyTorch snapshot to poolmap's .trace.",
        discussion: """
            The format is detected as run and play detect it (--input-format forces one). The trace \
            begins with # lines: the source, its format, the events, the peak live bytes and blocks, \
            and notes on what was dropped or mapped; each allocation keeps where it was allocated as \
            a "# at" comment, which play shows in the block panel. A .pool script is not a trace: it \
            is refused (exit 64).

            Examples:
              poolmap convert prog.mtrace
                  writes prog.trace beside it (refusing to overwrite one; --force does)
              poolmap convert snap.pickle --device 1 -o -
                  device 1's allocations of a PyTorch snapshot, on standard output
            """
    )

    @Argument(
        help: ArgumentHelp("The trace, .rep, mtrace log or PyTorch snapshot.", valueName: "in"),
        completion: .file(extensions: ["trace", "rep", "pickle", "log"]))
    var input: String

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Where to write the trace; - is standard output (default: IN's name with .trace).",
            valueName: "out"))
    var output: String?

    @Flag(help: "Overwrite OUT when it exists.")
    var force = false

    @Flag(help: "Read IN as a trace whatever its name (--input-format trace).")
    var trace = false

    @OptionGroup var format: InputFormatOptions

    func validate() throws {
        try format.validate(trace: trace)
    }

    func run() throws {
        let inputFormat = try ScriptLoading.format(path: input, forced: format.forced(trace: trace))
        let text: String
        switch inputFormat {
        case .pool:
            StandardStreams.writeError(
                "poolmap: \(input) is read as a .pool script, not a trace: convert writes traces "
                    + "(.trace, malloc-lab .rep, glibc mtrace logs, PyTorch snapshots) as poolmap's .trace; "
                    + "a script runs as it is (use --input-format if it is one of those)\n")
            throw ExitCode(64)
        case .snapshot:
            let replay = try SnapshotLoading.replay(path: input, device: format.device)
            text =
                Self.header(source: input, format: inputFormat, figures: replay.script.traceFigures, notes: [])
                + replay.traceText()
        case .trace, .mtrace:
            var notes: [String] = []
            let script: Script
            if inputFormat == .mtrace {
                let loaded = try ScriptLoading.exitingOnFailure { () throws(ScriptFile.LoadError) in
                    try ScriptFile.loadMtrace(path: input)
                }
                script = loaded.script
                notes = loaded.reader.notes
            } else {
                script = try ScriptLoading.load(path: input, format: .trace, device: nil)
            }
            text =
                Self.header(source: input, format: inputFormat, figures: script.traceFigures, notes: notes)
                + script.traceLines
        }
        try write(text)
    }

    /// The `#` header: the source, its format, the figures `record` writes, the notes.
    static func header(
        source: String, format: InputFormat, figures: Script.TraceFigures, notes: [String]
    )
        -> String
    {
        var header = "# source: \(Script.oneLine(source))\n"
        header += "# format: \(format.rawValue) (\(format.description))\n"
        header += "# events: \(figures.events)\n"
        header += "# peak_live_bytes: \(figures.peakLiveBytes)\n"
        header += "# peak_live_blocks: \(figures.peakLiveBlocks)\n"
        for note in notes { header += "# note: \(Script.oneLine(note))\n" }
        return header
    }

    /// The default output: IN's name with its extension replaced by `.trace`, beside it.
    static func defaultOutput(for input: String) -> String {
        let slash = input.lastIndex(of: "/").map { input.index(after: $0) } ?? input.startIndex
        let name = input[slash...]
        let stem = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : name[..<$0] } ?? name
        return String(input[..<slash]) + stem + ".trace"
    }

    /// Writes the trace where `-o` says: standard output for `-`, else a file that must not
    /// exist unless `--force` (never the input itself).
    private func write(_ text: String) throws {
        let path = output ?? Self.defaultOutput(for: input)
        if path == "-" {
            StandardStreams.write(text)
            return
        }
        if path == input {
            StandardStreams.writeError("poolmap: \(path) is the input; give another name with -o\n")
            throw ExitCode(64)
        }
        if force {
            try StandardStreams.writeFile(text, to: path)
        } else {
            do {
                try FileSystem.createFile(path, text: text)
            } catch {
                let exists = FileSystem.exists(path)
                StandardStreams.writeError(
                    exists
                        ? "poolmap: \(path) exists; --force overwrites it, -o names another file\n"
                        : "poolmap: cannot write \(path): \(error.reason)\n")
                throw ExitCode(1)
            }
        }
        StandardStreams.writeError("poolmap: wrote \(path)\n")
    }
}
