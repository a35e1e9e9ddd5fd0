import PoolAllocator
import PoolScript

/// `poolmap run`: a script or trace run without a terminal, its report written as it goes.
///
/// The caller gives two sinks (standard output and standard error for the command line, strings
/// in tests); this type decides what goes where and in which pieces.
public enum HeadlessRun {
    /// The report's format.
    public enum Format: String, Sendable, CaseIterable {
        /// The map line, legend, stats and event log (`RunReport.text(width:)`).
        case text
        /// `{"stats", "regions", "steps"}` (`RunReport.json`).
        case json
    }

    /// Output is handed over in pieces of about this many bytes.
    static let chunkBytes = 1 << 16

    /// Runs `script` on a pool of `poolSize` bytes (before any `pool` statement).
    /// - Parameters:
    ///   - width: characters in a text map line.
    ///   - every: the state after every step (a text block per step, or JSON Lines, one object
    ///     per pool operation) instead of one final report.
    ///   - output: receives the report, in order, in pieces.
    ///   - errors: receives each runtime error as a `FILE:LINE: error: …` line with its newline.
    /// - Returns: how many runtime errors the run had (`poolmap run` then exits 1).
    /// - Throws: `PoolError.invalidPoolSize` when `poolSize < 1`.
    public static func run(
        _ script: Script, poolSize: Int, format: Format, width: Int, every: Bool,
        output: (String) -> Void, errors: (String) -> Void
    ) throws(PoolError) -> Int {
        guard every else {
            let report = try RunReport.run(script, poolSize: poolSize)
            for line in report.errorLines { errors(line + "\n") }
            output(format == .json ? report.json : report.text(width: width))
            return report.final.errorCount
        }
        var runner = try ScriptRunner(script: script, poolSize: poolSize)
        var chunk = ""
        while let step = runner.step() {
            if let line = step.errorLine(fileName: script.fileName) { errors(line + "\n") }
            switch format {
            case .json:
                guard step.isPoolOperation else { continue }
                chunk += RunReport.jsonLine(step: step, after: runner.state) + "\n"
            case .text:
                chunk += RunReport.textBlock(step: step, after: runner.state, width: width)
            }
            if chunk.utf8.count > chunkBytes {
                output(chunk)
                chunk = ""
            }
        }
        output(chunk)
        return runner.state.errorCount
    }
}
