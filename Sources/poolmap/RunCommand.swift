import ArgumentParser
import PoolScript

/// `poolmap run FILE`: runs a script or trace without the TUI and prints the final state.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a script or trace headless and print the resulting map, stats and events.",
        discussion: """
            Files ending in .trace or .rep are allocation traces; others are .pool scripts. \
            Exit status: 0 success, 1 runtime errors (printed as FILE:LINE: error: … on stderr) or \
            an unreadable file, 2 syntax errors.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The .pool script, or .trace/.rep trace, to run.")
    var file: String

    @Option(help: "text: a map line, legend, stats and the event log; json: stats, regions and steps.")
    var format: Format = .text

    @Option(help: "Characters in the text map line (default 64, or the terminal's width).")
    var width: Int?

    @Option(help: "The pool for traces and for scripts without a leading pool statement (256, 4KiB, 0x100, 2M).",
            transform: ScriptLoading.parseSize)
    var size: Int?

    @Flag(help: "Print the state after every step (JSON Lines with --format json).")
    var every = false

    @Flag(help: "Read the file as a trace whatever its name.")
    var trace = false

    func validate() throws {
        if let width, width < 1 || width > 100_000 {
            throw ValidationError("--width must be from 1 to 100000, not \(width)")
        }
    }

    func run() throws {
        let script = try ScriptLoading.load(path: file, forceTrace: trace)
        let width = self.width ?? ScriptLoading.terminalWidth() ?? 64
        let poolSize = ScriptLoading.poolSize(for: script, size: size)
        let errors = try Self.run(script, poolSize: poolSize, format: format, width: width, every: every)
        if errors > 0 { throw ExitCode(1) }
    }

    /// Runs `script`, prints its output and its runtime errors; returns how many errors it had.
    static func run(_ script: Script, poolSize: Int, format: Format, width: Int, every: Bool) throws -> Int {
        var runner = try ScriptRunner(script: script, poolSize: poolSize)
        if every {
            var chunk = ""
            while let step = runner.step() {
                if let error = step.error { ScriptLoading.writeError("\(script.fileName):\(step.line): error: \(error)\n") }
                switch format {
                case .json:
                    guard step.isPoolOperation else { continue }
                    chunk += RunReport.jsonLine(step: step, after: runner.state) + "\n"
                case .text:
                    chunk += RunReport.textBlock(step: step, after: runner.state, width: width)
                }
                if chunk.utf8.count > 1 << 16 { ScriptLoading.write(chunk); chunk = "" }
            }
            ScriptLoading.write(chunk)
            return runner.state.errorCount
        }
        let report = try RunReport.run(script, poolSize: poolSize)
        for line in report.errorLines { ScriptLoading.writeError(line + "\n") }
        ScriptLoading.write(format == .json ? report.json : report.text(width: width))
        return report.final.errorCount
    }
}
