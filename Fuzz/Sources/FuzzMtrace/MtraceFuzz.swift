import FuzzSupport
import PoolScript

/// The mtrace target: any bytes as a glibc mtrace log. The reader gives a trace or well-formed
/// diagnostics (as the parser targets check them), never a trap, and the same whether the bytes
/// come in one piece or in small ones; a trace's statements come from lines of the file, in
/// order; it runs (at most `ParserFuzzing.stepBudget` steps) without a runtime error — the ids
/// come from `AddressIDs`, so every `f` and `r` names a live block — and the `.trace` text
/// `convert` writes of it parses back to the same operations and call sites.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMtrace(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).bytes
    let fileName = "fuzz.mtrace"
    let whole = read(bytes, fileName: fileName, pieceSize: max(bytes.count, 1))
    let pieces = read(bytes, fileName: fileName, pieceSize: 1 + bytes.count % 7)
    switch (whole, pieces) {
    case (.failure(let errors), .failure(let again)):
        fuzzCheck(errors == again, "read in pieces, the diagnostics differ:\n\(errors)\n\(again)")
        ParserFuzzing.checkDiagnostics(
            errors.diagnostics, fileName: fileName, lineLengths: ParserFuzzing.lineLengths(bytes))
    case (.success(let script), .success(let again)):
        fuzzCheck(script == again, "read in pieces, the trace differs")
        check(script, lineCount: ParserFuzzing.lineLengths(bytes).count)
    default:
        fuzzFailure("read whole and in pieces, one reading failed: \(whole) \(pieces)")
    }
    return 0
}

private func read(_ bytes: [UInt8], fileName: String, pieceSize: Int) -> Result<Script, SyntaxErrors> {
    var reader = MtraceReader(fileName: fileName)
    var start = 0
    bytes.withUnsafeBufferPointer { buffer in
        while start < buffer.count {
            let end = min(buffer.count, start + pieceSize)
            reader.feed(UnsafeBufferPointer(rebasing: buffer[start..<end]))
            start = end
        }
    }
    do {
        return .success(try reader.finish())
    } catch {
        return .failure(error)
    }
}

private func check(_ script: Script, lineCount: Int) {
    var previousLine = 0
    for statement in script.statements {
        fuzzCheck(
            statement.line >= previousLine && statement.line >= 1 && statement.line <= lineCount,
            "statement on line \(statement.line) after line \(previousLine), in a file of \(lineCount) lines")
        previousLine = statement.line
    }
    do {
        var runner = try ScriptRunner(script: script, poolSize: ScriptRunner.defaultPoolSize(for: script))
        var steps = 0
        while steps < ParserFuzzing.stepBudget, let step = runner.step() {
            steps += 1
            if let error = step.error { fuzzFailure("step \(steps) failed: \(error)") }
        }
    } catch {
        fuzzFailure("no runner for the default pool: \(error)")
    }
    guard script.statements.count <= ParserFuzzing.stepBudget else { return }
    let text = script.traceLines
    do {
        let parsed = try ScriptFile.parse(Array(text.utf8), fileName: "fuzz.trace", kind: .trace)
        fuzzCheck(
            parsed.statements.map(\.action) == script.statements.map(\.action),
            "the converted trace reads back differently:\n\(text)")
        for case .traceAlloc(let id, _, _) in script.statements.map(\.action) {
            let site = script.callSites[id].map { Script.oneLine($0).trimmingWhitespace() }
            fuzzCheck(
                parsed.callSites[id] == (site?.isEmpty == true ? nil : site),
                "block \(id)'s call site reads back as \(parsed.callSites[id] ?? "none")")
        }
    } catch {
        fuzzFailure("the converted trace does not parse: \(error)\n\(text)")
    }
}

@_cdecl("FuzzMtrace_main")
public func fuzzMtraceMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzMtrace)
}
