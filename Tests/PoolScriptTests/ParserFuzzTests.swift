import Testing

@testable import PoolReport
@testable import PoolScript

/// Arbitrary bytes and arbitrary lines of script-like words: the parsers answer with a script
/// or with diagnostics, never a crash; and a script that parses also runs without trapping.
@Suite struct ParserFuzzTests {
    /// Words the grammars know, and ones that stretch them.
    static let vocabulary = [
        "pool", "alloc", "free", "defrag", "stats", "say", "wait", "random", "seed", "align", "=", "#",
        "a", "b", "_x", "1a", "0", "1", "-1", "256", "4KiB", "0x100", "2M", "1G", "99999999999999999999",
        "0x", "K", "1.5s", "500ms", "-2s", "9999999s", "\"", "\"text\"", "\"unterminated", "\\", "\t",
        "é", "\u{1B}[2J", "f", "m", "r", "9223372036854775807", "18446744073709551616", "0xFFFFFFFFFFFFFFFF",
    ]

    func parseBothWays(_ bytes: [UInt8]) -> (Script?, Script?) {
        let script = try? ScriptParser.parse(bytes, fileName: "fuzz.pool")
        let trace = try? TraceParser.parse(bytes, fileName: "fuzz.trace")
        for parsed in [script, trace].compactMap({ $0 }) {
            // Whatever parses must run: tiny pools, huge sizes, everything.
            if let report = try? RunReport.run(parsed, poolSize: 1 + Int(bytes.count % 4096)) {
                _ = report.json
                _ = report.text(width: 1 + bytes.count % 120)
            }
        }
        return (script, trace)
    }

    func expectDiagnosticsAreWellFormed(_ bytes: [UInt8]) {
        do {
            _ = try ScriptParser.parse(bytes, fileName: "fuzz.pool")
        } catch {
            #expect(!error.diagnostics.isEmpty)
            for diagnostic in error.diagnostics {
                #expect(diagnostic.line >= 1 && diagnostic.column >= 1)
                #expect(
                    !diagnostic.description.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" },
                    "a control character reached the terminal")
            }
        }
    }

    @Test(arguments: 0..<8)
    func arbitraryBytes(seed: UInt64) {
        var generator = SplitMix64(seed: 0xB17E5 + seed)
        for _ in 0..<150 {
            let count = generator.uniform(in: 0...300)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = parseBothWays(bytes)
            expectDiagnosticsAreWellFormed(bytes)
        }
    }

    @Test(arguments: 0..<8)
    func arbitraryLinesOfWords(seed: UInt64) {
        var generator = SplitMix64(seed: 0x11E5 + seed)
        var parsedScripts = 0
        for _ in 0..<200 {
            var lines: [String] = []
            for _ in 0..<generator.uniform(in: 1...12) {
                let words = (0..<generator.uniform(in: 0...5)).map { _ in
                    Self.vocabulary[generator.uniform(in: 0...(Self.vocabulary.count - 1))]
                }
                lines.append(words.joined(separator: generator.chance(1, in: 4) ? "" : " "))
            }
            let bytes = Array(lines.joined(separator: generator.chance(1, in: 5) ? "\r\n" : "\n").utf8)
            if parseBothWays(bytes).0 != nil { parsedScripts += 1 }
            expectDiagnosticsAreWellFormed(bytes)
        }
        #expect(parsedScripts > 0, "seed \(seed): the fuzzer should also produce some valid scripts")
    }

    @Test func validStatementsWithHostileNumbersRun() throws {
        let script = try ScriptParser.parse(
            """
            pool 9223372036854775807
            a = alloc 9223372036854775807
            b = alloc 1 align 9223372036854775807
            c = alloc 4611686018427387904 align 4611686018427387904
            free 9223372036854775806
            random 50 seed 18446744073709551615
            defrag
            pool 1
            alloc 1
            alloc 1
            random 20
            """, fileName: "huge.pool")
        let report = try RunReport.run(script, poolSize: 1)
        #expect(report.steps.count == 79)
        _ = report.json
        _ = report.text(width: 64)
    }
}
