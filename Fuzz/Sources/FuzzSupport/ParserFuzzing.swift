import Foundation
import PoolAllocator
import PoolReport
import PoolScript

/// What the two parser targets check, for any bytes read with either grammar:
/// - the parse gives a script or diagnostics, never a trap;
/// - every diagnostic names the file, a line of it and a column within that line (at most one
///   past its last character), says something, and prints as exactly three lines without a
///   control character; the diagnostics come in line and column order;
/// - a script's statements come from lines of the file, in order, and each prints as text that
///   parses back to the same statement;
/// - a script runs (on the pool `poolmap run` would give it, and on a small one, at most
///   ``stepBudget`` steps) without trapping; the text report's map line has exactly the width
///   asked for (fewer only for a smaller pool) and the JSON report parses back with the run's
///   figures; a run of at most ``streamBudget`` steps also goes through `HeadlessRun` as
///   `poolmap run` does, text and JSON, final and `--every`, with the same checks (JSON Lines
///   parse one by one);
/// - a trace read back from a file (`TraceFile`, as `poolmap run` reads traces) gives the same
///   diagnostics, or the same statements, count and default pool, as its bytes parsed.
public enum ParserFuzzing {
    /// Steps run per pool size, so that `random 1000000000` does not stall the fuzzer.
    public static let stepBudget = 500
    /// Runs of at most this many steps also go through `HeadlessRun` (`poolmap run`) in its four
    /// forms: a text block per step costs.
    public static let streamBudget = 40

    public static func run(_ bytes: [UInt8], kind: Script.Kind) {
        // A trace is also read back from a file, as `poolmap run` reads it (`TraceFile`), under
        // the same name so that both readings give the same diagnostics.
        let fileName = kind == .trace ? traceFile.path : "fuzz.pool"
        let lines = lineLengths(bytes)
        let script: Script
        do {
            script = try ScriptFile.parse(bytes, fileName: fileName, kind: kind)
        } catch {
            checkDiagnostics(error.diagnostics, fileName: fileName, lineLengths: lines)
            if kind == .trace { checkTraceFile(bytes, parsed: .failure(error)) }
            return
        }
        fuzzCheck(script.kind == kind && script.fileName == fileName, "the script's kind or name changed")
        var previousLine = 0
        for statement in script.statements {
            fuzzCheck(
                statement.line > previousLine && statement.line <= lines.count,
                "statement on line \(statement.line) after line \(previousLine), in a file of \(lines.count) lines")
            previousLine = statement.line
        }
        checkRoundTrip(script)
        var input = HeadlessRun.Input.script(script)
        if kind == .trace, let file = checkTraceFile(bytes, parsed: .success(script)) { input = .trace(file) }
        fuzzCheck(
            input.stepCount == script.stepCount && input.defaultPoolSize == ScriptRunner.defaultPoolSize(for: script),
            "the run's input counts \(input.stepCount) steps and a pool of \(input.defaultPoolSize)")
        runAndReport(script, input: input, poolSize: ScriptRunner.defaultPoolSize(for: script), width: 64)
        runAndReport(script, input: input, poolSize: 1 + bytes.count % 4096, width: 1 + bytes.count % 200)
    }

    /// Where trace inputs are written to be read back, one file per process.
    static let traceFile = TemporaryFile(name: "fuzz-trace-\(getpid()).trace")

    /// Reading the trace from a file (`TraceFile`, what `poolmap run` does) agrees with parsing
    /// its bytes: the same diagnostics, or the same statements, count and default pool.
    @discardableResult
    static func checkTraceFile(_ bytes: [UInt8], parsed: Result<Script, SyntaxErrors>) -> TraceFile? {
        traceFile.write(bytes)
        let file: TraceFile
        do {
            file = try TraceFile(path: traceFile.path)
        } catch {
            guard case .syntax(let errors) = error, case .failure(let expected) = parsed else {
                fuzzFailure("TraceFile threw \(error), the parser \(parsed)")
            }
            fuzzCheck(errors == expected, "TraceFile and the parser disagree:\n\(errors)\n\(expected)")
            return nil
        }
        guard case .success(let script) = parsed else { fuzzFailure("TraceFile read a trace the parser refused") }
        fuzzCheck(file.statementCount == script.statements.count, "TraceFile counts \(file.statementCount) operations")
        fuzzCheck(
            file.defaultPoolSize == ScriptRunner.defaultPoolSize(for: script),
            "TraceFile's default pool \(file.defaultPoolSize)")
        var index = 0
        do {
            try file.forEachStatement { statement in
                fuzzCheck(
                    index < script.statements.count && statement == script.statements[index],
                    "TraceFile's statement \(index) differs: \(statement)")
                index += 1
            }
        } catch {
            fuzzFailure("TraceFile could not read the file again: \(error)")
        }
        fuzzCheck(index == script.statements.count, "TraceFile gave \(index) of \(script.statements.count) statements")
        return file
    }

    /// The scalar count of each line, as `SourceLines` cuts them: at `\n`, a `\r` before it
    /// dropped, no line after a final `\n`.
    public static func lineLengths(_ bytes: [UInt8]) -> [Int] {
        var lengths: [Int] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var contentEnd = end
            if contentEnd > start, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            lengths.append(String(decoding: bytes[start..<contentEnd], as: UTF8.self).unicodeScalars.count)
            start = end + 1
        }
        return lengths
    }

    public static func checkDiagnostics(_ diagnostics: [Diagnostic], fileName: String, lineLengths: [Int]) {
        fuzzCheck(!diagnostics.isEmpty, "a parse failed without a diagnostic")
        var previous = (0, 0)
        for diagnostic in diagnostics {
            let place = "\(diagnostic.line):\(diagnostic.column) in a file of \(lineLengths.count) lines"
            fuzzCheck(diagnostic.fileName == fileName, "diagnostic at \(place) names \(diagnostic.fileName)")
            fuzzCheck(
                diagnostic.line >= 1 && diagnostic.line <= lineLengths.count,
                "diagnostic line out of the file: \(place)")
            fuzzCheck(
                diagnostic.column >= 1 && diagnostic.column <= lineLengths[diagnostic.line - 1] + 1,
                "diagnostic column out of its line of \(lineLengths[diagnostic.line - 1]) characters: \(place)")
            fuzzCheck(!diagnostic.message.isEmpty, "empty diagnostic at \(place)")
            fuzzCheck((diagnostic.line, diagnostic.column) >= previous, "diagnostics out of order at \(place)")
            previous = (diagnostic.line, diagnostic.column)
            let text = diagnostic.description
            var newlines = 0
            for scalar in text.unicodeScalars {
                if scalar == "\n" {
                    newlines += 1
                } else {
                    fuzzCheck(!isControl(scalar), "control character U+\(hex(scalar)) in the diagnostic at \(place)")
                }
            }
            fuzzCheck(newlines == 2, "the diagnostic at \(place) is not three lines:\n\(text)")
        }
    }

    /// Each statement, printed back as script or trace text, parses to the same statement.
    static func checkRoundTrip(_ script: Script) {
        guard !script.statements.isEmpty else { return }
        let text = script.statements.map(\.action.description).joined(separator: "\n")
        let reparsed: Script
        do {
            reparsed = try ScriptFile.parse(Array(text.utf8), fileName: script.fileName, kind: script.kind)
        } catch {
            fuzzFailure("statements printed back do not parse:\n\(text)\n\(error)")
        }
        fuzzCheck(
            reparsed.statements.map(\.action) == script.statements.map(\.action),
            "statements printed back parse differently:\n\(text)")
    }

    static func runAndReport(_ script: Script, input: HeadlessRun.Input, poolSize: Int, width: Int) {
        var runner: ScriptRunner
        do {
            runner = try ScriptRunner(script: script, poolSize: poolSize)
        } catch {
            fuzzFailure("a runner refused pool size \(poolSize): \(error)")
        }
        var steps: [Step] = []
        var summary = RunSummary()
        while steps.count < stepBudget, let step = runner.step() {
            steps.append(step)
            summary.add(step, after: runner.pool.stats)
        }
        let finished = runner.isFinished
        let report = RunReport(
            script: script, steps: steps, final: runner.state, summary: summary, sizeChoice: .given)
        let pool = runner.state.pool
        for line in report.errorLines {
            fuzzCheck(!line.contains("\n") && line.hasPrefix(script.fileName + ":"), "error line: \(line)")
        }
        checkMapLine(report.text(width: width), width: width, pool: pool)
        let poolSteps = steps.filter(\.isPoolOperation).count
        checkJSONReport(report.json, pool: pool, poolSteps: poolSteps)
        // What `poolmap run` prints, in each of its four forms, for runs short enough.
        guard finished, steps.count <= streamBudget else { return }
        let errorText = report.errorLines.map { $0 + "\n" }.joined()
        for format in HeadlessRun.Format.allCases {
            for every in [false, true] {
                var output = ""
                var errors = ""
                let count: Int
                do {
                    count = try HeadlessRun.run(
                        input, poolSize: poolSize, format: format, width: width, every: every,
                        output: { output += $0 }, errors: { errors += $0 })
                } catch {
                    fuzzFailure("poolmap run (\(format), every: \(every)) threw \(error)")
                }
                let form = "poolmap run --format \(format)\(every ? " --every" : "")"
                fuzzCheck(count == runner.state.errorCount, "\(form) counted \(count) errors")
                fuzzCheck(errors == errorText, "\(form) wrote other error lines")
                switch (format, every) {
                case (.text, false): checkMapLine(output, width: width, pool: pool)
                case (.text, true): break
                case (.json, false): checkJSONReport(output, pool: pool, poolSteps: poolSteps)
                case (.json, true): checkJSONLines(output, poolSteps: poolSteps)
                }
            }
        }
    }

    /// The first line of a text report: the map, exactly `width` characters of `█▒░` (fewer only
    /// for a pool of fewer bytes).
    /// Checks a final text report: its heading names the pool's policy, then the map line.
    static func checkMapLine(_ text: String, width: Int, pool: MemoryPool) {
        let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        fuzzCheck(
            lines.count == 3 && lines[0].hasPrefix("\(pool.policy.rawValue) fit · "),
            "the text report's heading: \(lines.first ?? "")")
        let map = lines.count > 1 ? lines[1] : ""
        fuzzCheck(
            map.count == min(width, pool.totalSize),
            "text map line of \(map.count) characters for width \(width), pool \(pool.totalSize)")
        fuzzCheck(map.allSatisfy { "█▒░".contains($0) }, "text map line holds other characters: \(map)")
    }

    static func checkJSONLines(_ text: String, poolSteps: Int) {
        let objects = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        fuzzCheck(
            objects.count == poolSteps && (text.hasSuffix("\n") || text.isEmpty),
            "--every wrote \(objects.count) JSON lines for \(poolSteps) pool operations")
        for object in objects {
            guard let parsed = parseJSON(String(object)) as? [String: Any], parsed["step"] is [String: Any],
                parsed["stats"] is [String: Any], parsed["regions"] is [Any]
            else { fuzzFailure("a JSON line does not parse as a step with stats and regions: \(object)") }
        }
    }

    static func checkJSONReport(_ json: String, pool: MemoryPool, poolSteps: Int) {
        guard let object = parseJSON(json) as? [String: Any] else { fuzzFailure("the JSON report does not parse") }
        guard let stats = object["stats"] as? [String: Any], let regions = object["regions"] as? [Any],
            let steps = object["steps"] as? [Any]
        else { fuzzFailure("the JSON report lacks stats, regions or steps") }
        fuzzCheck((stats["total"] as? NSNumber)?.intValue == pool.totalSize, "JSON stats.total is not the pool's")
        fuzzCheck((stats["used"] as? NSNumber)?.intValue == pool.stats.used, "JSON stats.used is not the pool's")
        fuzzCheck(regions.count == pool.regions.count, "JSON regions: \(regions.count), pool: \(pool.regions.count)")
        fuzzCheck(steps.count == poolSteps, "JSON steps: \(steps.count), pool operations: \(poolSteps)")
    }

    static func parseJSON(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        String(scalar.value, radix: 16, uppercase: true)
    }
}
