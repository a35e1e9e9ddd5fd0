import PoolAllocator
import Testing

@testable import PoolReport
@testable import PoolScript

/// `poolmap run` without the command line: what goes to the output, what to the errors, and in
/// which pieces.
@Suite struct HeadlessRunTests {
    static let script = """
        pool 1K
        a = alloc 100
        say "hi"
        free nope
        b = alloc 200 align 256
        """

    struct Captured {
        var output: [String] = []
        var errors: [String] = []
        var errorCount = 0
    }

    static func run(
        _ text: String = script, format: HeadlessRun.Format, every: Bool, width: Int = 16
    ) throws -> Captured {
        let parsed = try ScriptParser.parse(text, fileName: "h.pool")
        var captured = Captured()
        captured.errorCount = try HeadlessRun.run(
            .script(parsed), poolSize: 4096, format: format, width: width, every: every,
            output: { captured.output.append($0) }, errors: { captured.errors.append($0) })
        return captured
    }

    @Test func theFinalReportIsOnePieceAndErrorsGoApart() throws {
        let text = try Self.run(format: .text, every: false)
        let report = try RunReport.run(try ScriptParser.parse(Self.script, fileName: "h.pool"), poolSize: 4096)
        #expect(text.output == [report.text(width: 16)])
        #expect(
            text.errors == [
                "h.pool:4: error: cannot free 'nope': the name is not bound to a block: it was never allocated\n"
            ])
        #expect(text.errorCount == 1)
        let json = try Self.run(format: .json, every: false)
        #expect(json.output == [report.json])
        #expect(json.errors == text.errors)
    }

    @Test func everyStepInTextIsABlockWithTheStateAfterIt() throws {
        let captured = try Self.run(format: .text, every: true)
        let text = captured.output.joined()
        // Five steps: the event line, then the map line, legend, two stats lines and the
        // figures line of each.
        #expect(text.split(separator: "\n").count == 5 * 6)
        #expect(text.hasPrefix("  1  pool 1 KiB\n░░░░░░░░░░░░░░░░\n"))
        // The running figures: after a = alloc 100, then after b's 200 B at 256 (156 B padding).
        #expect(
            text.contains(
                "  2  a = alloc 100  → 0\n██░░░░░░░░░░░░░░\n█ used  ▒ padding  ░ free  (16 cells of 64 B)\n"))
        let figures = text.split(separator: "\n").filter { $0.hasPrefix("high water") }
        #expect(
            figures == [
                "high water 0 B  peak live 0 B  utilization –  heap fragmentation –",
                "high water 100 B  peak live 100 B  utilization 1.0000 (100.00%)  heap fragmentation 0.0000 (0.00%)",
                "high water 100 B  peak live 100 B  utilization 1.0000 (100.00%)  heap fragmentation 0.0000 (0.00%)",
                "high water 100 B  peak live 100 B  utilization 1.0000 (100.00%)  heap fragmentation 0.0000 (0.00%)",
                "high water 456 B  peak live 300 B  utilization 0.6579 (65.79%)  heap fragmentation 0.5200 (52.00%)",
            ])
        #expect(captured.errorCount == 1 && captured.errors.count == 1)
    }

    @Test func everyStepInJSONIsOneLinePerPoolOperation() throws {
        let captured = try Self.run(format: .json, every: true)
        let lines = captured.output.joined().split(separator: "\n")
        #expect(lines.count == 4)  // `say` is not a pool operation
        #expect(lines[0].hasPrefix(#"{"step": {"line": 1, "op": "pool""#))
        #expect(lines[3].contains(#""result": 256"#))
        #expect(
            lines[1].contains(
                #""figures": {"high_water": 100, "peak_live": 100, "utilization": 1.0, "heap_fragmentation": 0.0}"#))
        #expect(lines[3].contains(#""figures": {"high_water": 456, "peak_live": 300, "utilization": 0.65789"#))
        #expect(lines.allSatisfy { $0.contains(#""stats": {"total": 1024"#) && $0.contains(#""regions": ["#) })
    }

    @Test func longRunsAreHandedOverInPieces() throws {
        let captured = try Self.run("pool 64K\nrandom 3000 seed 3\n", format: .json, every: true)
        #expect(captured.output.count > 2)
        #expect(captured.output.dropLast().allSatisfy { $0.utf8.count > HeadlessRun.chunkBytes })
        #expect(captured.output.joined().split(separator: "\n").count == 3001)
    }

    @Test func anEmptyPoolIsRefused() throws {
        let parsed = try ScriptParser.parse("alloc 1", fileName: "z.pool")
        #expect(throws: PoolError.invalidPoolSize(0)) {
            _ = try HeadlessRun.run(
                .script(parsed), poolSize: 0, format: .text, width: 8, every: false, output: { _ in }, errors: { _ in })
        }
    }
}
