import Foundation
import Testing

@testable import PoolScript

/// Inputs the fuzz targets (Fuzz/) found, each kept as the smallest case that failed, with
/// what it broke. The fixes are at their roots; these keep them fixed.
@Suite("Fuzz findings (parsers)")
struct FuzzFindingsTests {
    /// trace-parser: a line with an extra word and a bad id reported its errors right to left
    /// (`8` then `3`): the streaming scanner kept the order in which the line reader checks, where
    /// every file's diagnostics come by line and column.
    @Test("a trace line's errors come left to right")
    func traceDiagnosticsInColumnOrder() throws {
        let bytes = Array("r ar 2 512\nf \u{F1}\n1f 3\no\u{C8}\n0 1\n".utf8)
        for parse in [{ try TraceParser.parse(bytes, fileName: "t.trace") }, { try self.viaFile(bytes) }] {
            let error = try #require(throws: SyntaxErrors.self) { try parse() }
            let places = error.diagnostics.map { [$0.line, $0.column] }
            #expect(places == places.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }, "\(places)")
            #expect(places.prefix(2) == [[1, 3], [1, 8]], "\(places)")
        }
    }

    /// script-parser: a caption with a raw carriage return before a `\n` escape printed back as a
    /// line break (`\r` and `\n` make one character, which the quoting compared with `"\n"`), so
    /// the statement no longer parsed and the text report's event line broke in two; any other
    /// raw control character (an escape sequence) went into reports as it was.
    @Test("raw control characters in a string are refused; captions print back on one line")
    func captionsStayOnOneLine() throws {
        // The shape of the fuzzer's input: a raw CR, then the escape \n.
        let error = try #require(throws: SyntaxErrors.self) {
            try ScriptParser.parse("say \"With s at 500, the 300 B\r\\npool\"\n", fileName: "t.pool")
        }
        #expect(error.diagnostics.map { [$0.line, $0.column] } == [[1, 30]])
        #expect(error.diagnostics.first?.message.contains("control character U+000D in a string") == true)
        for raw in ["\u{1B}[2J", "\u{7F}", "\u{85}"] {
            #expect(throws: SyntaxErrors.self) { try ScriptParser.parse("say \"x\(raw)\"", fileName: "t.pool") }
        }
        // A caption holding a CR (however it was made) still prints on one line.
        #expect(!Action.say("a\r\nb").description.unicodeScalars.contains("\n"))
        // Every escape prints back and parses to the same caption; tabs may also be typed raw.
        let script = try ScriptParser.parse("say \"a\\n\\t\\\"q\\\" \\\\ \tb\"\n", fileName: "t.pool")
        let caption = try #require(script.statements.first?.action)
        #expect(caption == .say("a\n\t\"q\" \\ \tb"))
        #expect(try ScriptParser.parse(caption.description, fileName: "t.pool").statements.map(\.action) == [caption])
    }

    /// The fuzzer's input as `poolmap run` reads a trace file (`TraceFile`), which streams it.
    private func viaFile(_ bytes: [UInt8]) throws(SyntaxErrors) -> Script {
        let path = NSTemporaryDirectory() + "fuzz-finding-\(getpid()).trace"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { unlink(path) }
        do {
            return try ScriptFile.load(path: path)
        } catch {
            guard case .syntax(let errors) = error else { fatalError("\(error)") }
            throw errors
        }
    }
}
