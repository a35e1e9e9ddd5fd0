import Testing

@testable import PoolScript

/// A trace line longer than `TraceScanner.maximumLineBytes` is an error and the scanner holds no
/// more than that much of it, however the text is cut into pieces: the same diagnostics read
/// whole or streamed.
@Suite struct TraceLongLineTests {
    static let limit = TraceScanner.maximumLineBytes

    struct Scan: Equatable {
        var errors: String
        var statements: [Statement]
    }

    /// `bytes` fed to a scanner in pieces of `pieceSize`, with the most bytes it carried.
    func scan(_ bytes: [UInt8], pieceSize: Int) -> (Scan, carried: Int) {
        var scanner = TraceScanner(fileName: "t.trace")
        var statements: [Statement] = []
        var carried = 0
        var start = 0
        while start < bytes.count, !scanner.isBinary {
            let end = min(bytes.count, start + pieceSize)
            bytes[start..<end].withUnsafeBufferPointer { scanner.feed($0) { statements.append($0) } }
            carried = max(carried, scanner.carriedBytes)
            start = end
        }
        scanner.finish { statements.append($0) }
        return (Scan(errors: scanner.errors?.description ?? "", statements: statements), carried)
    }

    /// The scan is the same for every cut, and each cut carries at most the limit and a piece.
    func scanEveryWay(_ bytes: [UInt8]) -> Scan {
        let whole = scan(bytes, pieceSize: bytes.count).0
        for pieceSize in [7, 65_536, Self.limit, Self.limit + 1, 1 << 20 + 3] {
            let (cut, carried) = scan(bytes, pieceSize: pieceSize)
            #expect(cut == whole, "pieces of \(pieceSize) bytes")
            #expect(carried <= Self.limit + 1 + pieceSize, "pieces of \(pieceSize) bytes")
        }
        return whole
    }

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func aLineOverTheLimitIsOneErrorAndTheNextLinesAreRead() {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 3 * Self.limit)
        let result = scanEveryWay(bytes("a 0 8\n") + long + bytes("\na 1 16\nf 0\n"))
        #expect(
            result.errors == """
                t.trace:2:1: error: line longer than 1 MiB; a trace line is one operation and its numbers
                \(String(repeating: "x", count: 60))…
                ^
                1 error in t.trace
                """)
        #expect(
            result.statements == [
                Statement(line: 1, action: .traceAlloc(id: 0, size: 8, alignment: nil)),
                Statement(line: 3, action: .traceAlloc(id: 1, size: 16, alignment: nil)),
                Statement(line: 4, action: .traceFree(id: 0)),
            ])
    }

    @Test func aLineOfExactlyTheLimitIsRead() {
        let operation = bytes("a 1 16")
        let padded = operation + [UInt8](repeating: UInt8(ascii: " "), count: Self.limit - operation.count)
        let expected = [Statement(line: 1, action: .traceAlloc(id: 1, size: 16, alignment: nil))]
        #expect(scanEveryWay(padded + bytes("\n")) == Scan(errors: "", statements: expected))
        #expect(scanEveryWay(padded + bytes("\r\n")) == Scan(errors: "", statements: expected))
        #expect(scanEveryWay(padded) == Scan(errors: "", statements: expected))
        let over = scanEveryWay(padded + bytes(" \n"))
        #expect(over.statements.isEmpty)
        #expect(over.errors.hasPrefix("t.trace:1:1: error: line longer than 1 MiB"))
    }

    @Test func aNulInTheReadPartIsBinaryAndOneBeyondItIsSkipped() {
        var head = [UInt8](repeating: UInt8(ascii: "x"), count: 2 * Self.limit)
        head[10] = 0
        #expect(
            scanEveryWay(head + bytes("\na 1 16\n"))
                == Scan(
                    errors: """
                        t.trace:1:11: error: binary file: a NUL byte where text was expected
                        xxxxxxxxxx
                                  ^
                        1 error in t.trace
                        """,
                    statements: []))
        var tail = [UInt8](repeating: UInt8(ascii: "x"), count: 2 * Self.limit)
        tail[Self.limit + 10] = 0
        let skipped = scanEveryWay(tail + bytes("\na 1 16\n"))
        #expect(skipped.errors.hasPrefix("t.trace:1:1: error: line longer than 1 MiB"))
        #expect(skipped.statements == [Statement(line: 2, action: .traceAlloc(id: 1, size: 16, alignment: nil))])
    }

    @Test func anEndlessLineIsNotKept() {
        // `yes | tr -d '\n'`: 64 MiB without a newline, in the pieces `TraceFile` reads.
        var scanner = TraceScanner(fileName: "t.trace")
        let piece = [UInt8](repeating: UInt8(ascii: "y"), count: 1 << 20)
        var carried = 0
        for _ in 0..<64 {
            piece.withUnsafeBufferPointer { scanner.feed($0) { _ in Issue.record("no statement") } }
            carried = max(carried, scanner.carriedBytes)
        }
        scanner.finish { _ in Issue.record("no statement") }
        #expect(carried <= Self.limit + 1 + piece.count)
        #expect(scanner.errors?.diagnostics.count == 1)
    }
}
