import ArgumentParser
import PoolRecord
import PoolScript

/// `poolmap record -- COMMAND [ARGS…]`: runs a program with the allocation tracer preloaded and
/// writes its trace. The work is in `PoolRecord`; this only wires the options to it.
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a program and record its allocations as a trace (not a cast: see --record on play).",
        usage: "poolmap record [-o <file>] [--play] -- <command> [<argument> ...]",
        discussion: """
            Makes a .trace of COMMAND's own malloc, calloc, realloc, free and aligned allocations \
            (C++ new and delete too), for run, play and the others. COMMAND runs with its standard \
            streams, working directory and environment untouched apart from LD_PRELOAD, and poolmap \
            exits with its status (128 + the signal if one killed it). Only the process itself is \
            traced, through any exec, not its children. Dynamically linked programs on Linux only; \
            the tracer is built once with clang or cc into ~/.cache/poolmap. \
            Not to be confused with `--record FILE.cast` on play and demo, which records the screen \
            as an asciinema cast.

            Examples:
              poolmap record -- python3 -c "print(sum(range(10)))"
                  prints 45 and writes python3-PID.trace in this folder
              poolmap record -o ls.trace --play -- ls -l /usr
                  records ls into ls.trace, then plays it on the map
              poolmap run --events 50 ls.trace
                  the recorded run's summary and its last events
            """
    )

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("The trace file (default: NAME-PID.trace in the working directory).", valueName: "file"))
    var output: String?

    @Flag(help: "Play the trace afterwards (when standard input and output are a terminal).")
    var play = false

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("The program to record and its arguments, after --.", valueName: "command"))
    var command: [String] = []

    /// COMMAND's words: everything after `--` (or from the first word that is not an option).
    var words: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    func validate() throws {
        // Without `--`, an option-like first word is poolmap's: help, or a mistake.
        if let first = command.first, first != "--", first.hasPrefix("-") {
            if first == "-h" || first == "--help" { throw CleanExit.helpRequest(self) }
            throw ValidationError(
                "unknown option '\(first)'; put COMMAND after --: poolmap record -- "
                    + "COMMAND [ARGS…]")
        }
        if words.isEmpty {
            throw ValidationError("no COMMAND to record: poolmap record [-o FILE] [--play] -- COMMAND [ARGS…]")
        }
    }

    func run() throws {
        let recording: Recording
        do {
            recording = try Recorder.record(RecordRequest(command: words, output: output))
        } catch {
            StandardStreams.writeError("poolmap: \(error)\n")
            throw ExitCode(error.exitCode)
        }
        for warning in recording.warnings { StandardStreams.writeError("poolmap: note: \(warning)\n") }
        StandardStreams.writeError(recording.summaryLine + "\n")
        if play {
            if StandardStreams.isInteractive {
                let script = try ScriptLoading.load(path: recording.tracePath, forceTrace: true)
                try PlaySession.play(
                    script, size: nil,
                    title: "poolmap play — \(recording.tracePath)", options: try PlaybackOptions.parse([]),
                    policy: nil)
            } else {
                StandardStreams.writeError("poolmap: --play needs a terminal on standard input and output\n")
            }
        }
        if recording.exitCode != 0 { throw ExitCode(recording.exitCode) }
    }
}
