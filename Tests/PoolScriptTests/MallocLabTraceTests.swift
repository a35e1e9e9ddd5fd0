import Testing

@testable import PoolScript

/// malloc-lab `.rep` traces of every shape the drivers use, hand-made (the public traces are not
/// copied here): headers of four and two lines or none, and the corner rules of CMU's Autolab
/// driver — `f -1` frees NULL, `r ID 0` frees, `r` of an id that is not live allocates.
@Suite struct MallocLabTraceTests {
    func run(_ text: String, poolSize: Int? = nil) throws -> RunReport {
        try RunReport.run(try TraceParser.parse(text, fileName: "t.rep"), poolSize: poolSize)
    }

    @Test func everyHeaderShapeIsSkippedNeverInterpreted() throws {
        let operations = "a 0 100\na 1 50\nf 0\n"
        // CS:APP 2002: heap size, ids, operations, weight. Autolab 2016: weight, ids, operations,
        // ignore ranges. Two-line handouts. None. Numbers that contradict the body change nothing.
        for header in ["20000\n2\n3\n1\n", "1\n2\n3\n0\n", "2\n3\n", "", "0\n99\n7777\n0\n"] {
            let script = try TraceParser.parse(header + operations, fileName: "t.rep")
            #expect(
                script.statements.map(\.action) == [
                    .traceAlloc(id: 0, size: 100, alignment: nil), .traceAlloc(id: 1, size: 50, alignment: nil),
                    .traceFree(id: 0),
                ], "header \(header.debugDescription)")
        }
    }

    @Test func trailingBlanksAndCarriageReturnsAreFine() throws {
        let script = try TraceParser.parse("1\n2\n3\n1\na 0 100  \r\nr 0 0\t\r\nf -1 \n", fileName: "t.rep")
        #expect(
            script.statements.map(\.action) == [
                .traceAlloc(id: 0, size: 100, alignment: nil), .traceRealloc(id: 0, size: 0), .traceFree(id: -1),
            ])
    }

    @Test func freeOfMinusOneIsFreeOfNull() throws {
        let report = try run("0\n1\n3\n0\nf -1\na 0 16\nf -1\n", poolSize: 64)
        #expect(report.errorLines.isEmpty)
        #expect(report.steps.map(\.outcome) == [.done, .offset(0), .done])
        #expect(report.steps[0].operation == .free(name: nil, id: -1, offset: nil))
        #expect(report.final.pool.stats.blockCount == 1)
        // Only -1 is NULL: another negative id is a mistake.
        #expect(throws: SyntaxErrors.self) { try TraceParser.parse("f -2\n", fileName: "t.rep") }
        #expect(throws: SyntaxErrors.self) { try TraceParser.parse("a -1 5\n", fileName: "t.rep") }
    }

    @Test func reallocToZeroFrees() throws {
        let report = try run("a 0 100\nr 0 0\na 1 100\n", poolSize: 128)
        #expect(report.errorLines.isEmpty)
        #expect(report.steps.map(\.outcome) == [.offset(0), .done, .offset(0)])
        #expect(report.steps[1].operation == .free(name: nil, id: 0, offset: 0))
        // Of an id that is not live (realloc(NULL, 0)): nothing happens.
        let nothing = try run("r 5 0\na 5 10\n", poolSize: 64)
        #expect(nothing.errorLines.isEmpty)
        #expect(nothing.steps.map(\.outcome) == [.done, .offset(0)])
        // Only `r` takes a size of 0.
        #expect(throws: SyntaxErrors.self) { try TraceParser.parse("a 0 0\n", fileName: "t.rep") }
    }

    @Test func reallocOfAnIDNotLiveAllocates() throws {
        let report = try run("r 6 10\nr 6 20\nf 6\nr 6 30\n", poolSize: 64)
        #expect(report.errorLines.isEmpty)
        #expect(report.steps.map(\.outcome) == [.offset(0), .offset(10), .done, .offset(0)])
        #expect(report.steps[0].operation == .realloc(id: 6, size: 10, offset: nil))
        #expect(report.final.pool.stats.blockCount == 1)
    }

    /// The shape of CMU's corner trace: every rule above, and a 50 MiB block.
    @Test func theCornerTraceShapeRunsInTheDefaultPool() throws {
        let corners = """
            0
            11
            15
            0
            f -1
            a 1 1
            a 2 2
            a 3 3
            a 4 4
            a 5 52428800
            r 6 10
            a 7 100
            r 7 200
            a 8 100
            r 8 50
            a 9 100
            r 9 100
            a 10 100
            r 10 0

            """
        let script = try TraceParser.parse(corners, fileName: "corners.rep")
        // The peak, reached at `a 10 100`: ids 1 to 4 (10 bytes), 50 MiB, 10, 200, 50, 100, 100.
        let peak = 10 + 52_428_800 + 10 + 200 + 50 + 100 + 100
        #expect(script.tracePoolSize == (peak * 5 / 4 + 1023) / 1024 * 1024)
        let report = try RunReport.run(script, poolSize: nil)
        #expect(report.errorLines.isEmpty)
        #expect(report.summary.failedAllocations == 0)
        #expect(report.final.pool.stats.blockCount == 9)
    }
}
