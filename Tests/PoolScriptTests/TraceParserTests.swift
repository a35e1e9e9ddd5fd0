import Testing

@testable import PoolScript

@Suite struct TraceParserTests {
    func actions(_ text: String) throws -> [Action] {
        try TraceParser.parse(text, fileName: "t.trace").statements.map(\.action)
    }

    func errors(_ text: String) -> String {
        do {
            _ = try TraceParser.parse(text, fileName: "t.trace")
            return ""
        } catch {
            return error.description
        }
    }

    @Test func everyOperation() throws {
        let script = try TraceParser.parse(
            "# header comment\na 0 5\nm 1 200 256\nr 0 64 # grow\n\nf 1\n", fileName: "t.trace")
        #expect(script.kind == .trace)
        #expect(
            script.statements == [
                Statement(line: 2, action: .traceAlloc(id: 0, size: 5, alignment: nil)),
                Statement(line: 3, action: .traceAlloc(id: 1, size: 200, alignment: 256)),
                Statement(line: 4, action: .traceRealloc(id: 0, size: 64)),
                Statement(line: 6, action: .traceFree(id: 1)),
            ])
    }

    @Test func aMallocLabHeaderIsSkipped() throws {
        // A .rep file: suggested heap size, ids, operations, weight; then the operations.
        let rep = "20000\n2\n4\n1\na 0 2040\na 1 2040\nf 1\nf 0\n"
        #expect(
            try actions(rep) == [
                .traceAlloc(id: 0, size: 2040, alignment: nil), .traceAlloc(id: 1, size: 2040, alignment: nil),
                .traceFree(id: 1), .traceFree(id: 0),
            ])
        // After the first operation a bare number is an error, not a header.
        #expect(
            errors("a 0 1\n5\n") == """
                t.trace:2:1: error: unknown trace operation '5'; expected a ID SIZE, m ID SIZE ALIGN, f ID or r ID SIZE
                5
                ^
                1 error in t.trace
                """)
    }

    @Test func everyErrorMessage() {
        #expect(
            errors(
                """
                a 1
                m 1 2
                f
                r 1
                x 1 2
                a one 5
                a 1 0
                a 1 -4
                a 1 9x
                m 1 8 0
                f 1 2
                a 99999999999999999999 1
                a 1 99999999999999999999
                """) == """
                    t.trace:1:4: error: 'a' needs an id and a size, e.g. a 7 256
                    a 1
                       ^
                    t.trace:2:6: error: 'm' needs an id, a size and an alignment, e.g. m 7 256 64
                    m 1 2
                         ^
                    t.trace:3:2: error: 'f' needs an id, e.g. f 7
                    f
                     ^
                    t.trace:4:4: error: 'r' needs an id and a size, e.g. r 7 512
                    r 1
                       ^
                    t.trace:5:1: error: unknown trace operation 'x'; expected a ID SIZE, m ID SIZE ALIGN, f ID or r \
                    ID SIZE
                    x 1 2
                    ^
                    t.trace:6:3: error: 'one' is not an id; ids are whole numbers like 7
                    a one 5
                      ^
                    t.trace:7:5: error: a size must be positive, not 0
                    a 1 0
                        ^
                    t.trace:8:5: error: a size must be positive, not -4
                    a 1 -4
                        ^
                    t.trace:9:5: error: '9x' is not a size; sizes look like 256, 4KiB, 0x100 or 2M
                    a 1 9x
                        ^
                    t.trace:10:7: error: an alignment must be positive, not 0
                    m 1 8 0
                          ^
                    t.trace:11:5: error: unexpected '2' after the operation
                    f 1 2
                        ^
                    t.trace:12:3: error: id 99999999999999999999 is too large; the largest is 9223372036854775807
                    a 99999999999999999999 1
                      ^
                    t.trace:13:5: error: size 99999999999999999999 is too large; the largest is 9223372036854775807 \
                    bytes
                    a 1 99999999999999999999
                        ^
                    13 errors in t.trace
                    """)
    }

    @Test func poolSizeIsPeakLiveBytesTimesOneAndAQuarterInWholeKiB() throws {
        func size(_ text: String) throws -> Int { try TraceParser.parse(text, fileName: "t").tracePoolSize }
        #expect(try size("a 0 1000\n") == 2048)  // 1250 → 2 KiB
        #expect(try size("a 0 800\nf 0\na 1 800\n") == 1024)  // peak 800 → 1000 → 1 KiB
        #expect(try size("a 0 1024\nr 0 2048\n") == 4096)  // during r: 1024 + 2048 = 3072 → 3840 → 4 KiB
        #expect(try size("f 3\n") == 1024)  // nothing live: the 1 KiB floor
        #expect(try size("a 0 1000\na 0 1000\n") == 2048)  // the second a is a runtime error
        #expect(try size("a 0 9223372036854775807\na 1 9223372036854775807\n") == Int.max / 1024 * 1024)
    }

    @Test func theRealTraceParses() throws {
        let path = DemoLibraryTests.demosFolder.appendingPathComponent("awk-buckets.trace").path
        let script = try ScriptFile.load(path: path)
        #expect(script.kind == .trace)
        #expect(script.statements.count == 2514)
        #expect(script.tracePoolSize == 102_400)  // peak 81,167 B × 1.25 → 100 KiB
    }
}
