import ArgumentParser
import PoolAllocator
import PoolReport
import PoolScript

/// `poolmap run FILE`: runs a script or trace without the TUI and prints the final state.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a script or trace headless and print the resulting map, stats and events.",
        discussion: """
            Files ending in .trace or .rep are allocation traces; others are .pool scripts. A trace is \
            read twice (a check, then the run) and never kept, so files of any length run in memory \
            that follows the pool. The text report lists every event up to --events (1000), beyond \
            that a summary and the last 20; JSON streams the steps first, then stats and regions. A \
            PyTorch snapshot is reported as recorded (every block at its real address, in the \
            segments PyTorch reserved; "policy": "as-recorded"); --replay, --policy, --size or --every replay \
            it under poolmap's policies instead. \
            Exit status: 0 success, 1 runtime errors (printed as FILE:LINE: error: … on stderr) or \
            an unreadable file, 2 syntax errors.

            Examples (from the repository, whose demos/ holds these files):
              poolmap run demos/classic-examples.pool
                  the map line, stats and events of the classic exercise's examples
              poolmap run demos/fragmentation.pool --format json
                  every step, then the stats and regions, as one JSON object
              poolmap run demos/awk-buckets.trace --events all
                  a real trace's map, stats and all 2,514 events (by default: a summary)
              poolmap run demos/awk-buckets.trace --every --format json --size 8KiB
                  JSON Lines: the state after each step of a trace, in an 8 KiB pool
              poolmap run snap.pickle --format json
                  a PyTorch snapshot as recorded: blocks at their real addresses, in their segments
            """
    )

    @OptionGroup var input: ScriptFileOptions

    @Option(help: policyHelp)
    var policy: FitPolicy?

    @Option(
        help: "text: a map line, legend, stats and the event log; json: the steps, then the policy, stats and regions.")
    var format: HeadlessRun.Format = .text

    @Option(help: "Characters in the text map line (default 64, or the terminal's width).")
    var width: Int?

    @Flag(help: "Print the state after every step (JSON Lines with --format json).")
    var every = false

    @Option(
        help: ArgumentHelp(
            "Which events the text report lists: all, or every one when there are at most N; beyond N, "
                + "a summary (steps, failures, errors, defragments, peak used and peak fragmentation with "
                + "their steps) and the last \(HeadlessRun.tailEvents).",
            valueName: "all|N"))
    var events: HeadlessRun.Events = .default

    func validate() throws {
        if let width, width < 1 || width > 100_000 {
            throw ValidationError("--width must be from 1 to 100000, not \(width)")
        }
    }

    func run() throws {
        // A snapshot is reported as recorded unless the replay is asked for (by --replay, or by
        // what only a replay has: a policy, a pool size, the state after every step).
        if !every, try input.readsAsRecorded(policy: policy) {
            let run = try SnapshotLoading.asRecorded(path: input.file, device: input.format.device)
            let errors = AsRecordedReport.write(
                run, fileName: input.file, format: format, width: width ?? StandardStreams.terminalWidth() ?? 64,
                events: events, output: StandardStreams.write, errors: StandardStreams.writeError)
            if errors > 0 { throw ExitCode(1) }
            return
        }
        let source = try input.runInput()
        // A script that begins with `compare` is compared, unless one policy is asked for.
        if policy == nil, !every, case .script(let script) = source, let policies = script.comparePolicies {
            try Compare.printRanking(source, policies: policies, size: input.size, format: format)
            return
        }
        let errors = try ScriptLoading.exitingOnFailure { () throws(ScriptFile.LoadError) in
            do {
                return try HeadlessRun.run(
                    source, poolSize: input.size, policy: policy, format: format,
                    width: width ?? StandardStreams.terminalWidth() ?? 64, every: every, events: events,
                    output: StandardStreams.write, errors: StandardStreams.writeError)
            } catch let error as ScriptFile.LoadError {
                throw error
            } catch {
                throw .unreadable(path: input.file, reason: "\(error)")
            }
        }
        if errors > 0 { throw ExitCode(1) }
    }
}

extension HeadlessRun.Format: ExpressibleByArgument {}

extension HeadlessRun.Events: ExpressibleByArgument {
    /// Reads `--events`: `all`, or a count of events (0 or more).
    public init?(argument: String) {
        if argument == "all" {
            self = .all
        } else if let limit = Int(argument), limit >= 0 {
            self = .upTo(limit)
        } else {
            return nil
        }
    }

    /// How `--help` shows the default: `all` or the count.
    public var defaultValueDescription: String {
        switch self {
        case .all: return "all"
        case .upTo(let limit): return String(limit)
        }
    }
}
