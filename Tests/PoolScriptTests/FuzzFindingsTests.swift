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
