import ArgumentParser
import PoolReport
import PoolScript

/// `poolmap run FILE`: runs a script or trace without the TUI and prints the final state.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a script or trace headless and print the resulting map, stats and events.",
        discussion: """
            Files ending in .trace or .rep are allocation traces; others are .pool scripts. \
            Exit status: 0 success, 1 runtime errors (printed as FILE:LINE: error: … on stderr) or \
            an unreadable file, 2 syntax errors.

            Examples (from the repository, whose demos/ holds these files):
              poolmap run demos/classic-examples.pool
                  the map line, stats and events of the classic exercise's examples
              poolmap run demos/fragmentation.pool --format json
                  stats, regions and every step as one JSON object
              poolmap run demos/awk-buckets.trace --every --format json --size 8KiB
                  JSON Lines: the state after each step of a trace, in an 8 KiB pool
            """
    )

    @OptionGroup var input: ScriptFileOptions

    @Option(help: "text: a map line, legend, stats and the event log; json: stats, regions and steps.")
    var format: HeadlessRun.Format = .text

    @Option(help: "Characters in the text map line (default 64, or the terminal's width).")
    var width: Int?

    @Flag(help: "Print the state after every step (JSON Lines with --format json).")
    var every = false

    func validate() throws {
        if let width, width < 1 || width > 100_000 {
            throw ValidationError("--width must be from 1 to 100000, not \(width)")
        }
    }

    func run() throws {
        let script = try input.load()
        let errors = try HeadlessRun.run(
            script, poolSize: input.poolSize(for: script), format: format,
            width: width ?? StandardStreams.terminalWidth() ?? 64, every: every,
            output: StandardStreams.write, errors: StandardStreams.writeError)
        if errors > 0 { throw ExitCode(1) }
    }
}

extension HeadlessRun.Format: ExpressibleByArgument {}
