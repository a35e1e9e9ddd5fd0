import PoolText

/// A file's bytes cut into lines, each checked to be UTF-8 text before any grammar sees it.
///
/// Lines end at `\n`; a `\r` before it (CRLF files) is dropped. A NUL byte anywhere means a
/// binary file: one diagnostic at the first NUL, and no lines. A line that is not valid UTF-8
/// gets a diagnostic at its first bad byte; the other lines are still read.
struct SourceLines {
    /// One line of text: its 1-based number and its bytes (valid UTF-8, no line ending).
    struct Line {
        var number: Int
        var bytes: ArraySlice<UInt8>

        var scalars: [Unicode.Scalar] { Array(String(decoding: bytes, as: UTF8.self).unicodeScalars) }
    }

    var lines: [Line] = []
    var diagnostics: [Diagnostic] = []

    /// Splits `bytes`; diagnostics name `fileName`.
    /// - Complexity: O(bytes).
    init(_ bytes: [UInt8], fileName: String) {
        var start = 0
        var number = 1
        var ranges: [(Int, Range<Int>)] = []
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var contentEnd = end
            if contentEnd > start, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            if end < bytes.count || start < bytes.count { ranges.append((number, start..<contentEnd)) }
            start = end + 1
            number += 1
        }
        for (number, range) in ranges {
            let slice = bytes[range]
            if let nul = slice.firstIndex(of: 0) {
                diagnostics = [Self.binaryFile(prefix: bytes[range.lowerBound..<nul], line: number, fileName: fileName)]
                lines = []
                return
            }
            if let problem = Self.notUTF8(slice, line: number, fileName: fileName) {
                diagnostics.append(problem)
                continue
            }
            lines.append(Line(number: number, bytes: slice))
        }
    }

    /// The one diagnostic of a binary file: a NUL byte after `prefix` on line `line`.
    static func binaryFile(prefix: ArraySlice<UInt8>, line: Int, fileName: String) -> Diagnostic {
        Diagnostic(
            fileName: fileName, line: line, column: scalarCount(prefix) + 1,
            message: "binary file: a NUL byte where text was expected",
            sourceLine: Diagnostic.printable(String(decoding: prefix, as: UTF8.self).unicodeScalars))
    }

    /// The diagnostic of a line that is not UTF-8 text, or nil when it is.
    /// The error of a line longer than `limit` bytes, of which `head` is the part read: one
    /// error at column 1 quoting the line's first 60 characters (not a megabyte of it).
    static func tooLong(
        _ head: some Collection<UInt8>, line: Int, fileName: String, limit: Int, why: String
    ) -> Diagnostic {
        // The first 60 characters: at most 4 bytes each.
        let start = String(decoding: head.prefix(240), as: UTF8.self).unicodeScalars.prefix(60)
        return Diagnostic(
            fileName: fileName, line: line, column: 1,
            message: "line longer than \(ByteSize.formatExact(limit)); \(why)",
            sourceLine: Diagnostic.printable(start) + "…")
    }

    static func notUTF8(_ slice: ArraySlice<UInt8>, line: Int, fileName: String) -> Diagnostic? {
        guard let (column, byte) = firstInvalidByte(in: slice) else { return nil }
        let hex = String(byte, radix: 16, uppercase: true)
        return Diagnostic(
            fileName: fileName, line: line, column: column,
            message: "not UTF-8 text: byte 0x\(hex.count == 1 ? "0" + hex : hex) cannot start or continue a character",
            sourceLine: Diagnostic.printable(String(decoding: slice, as: UTF8.self).unicodeScalars))
    }

    /// The column (1-based, in scalars) and value of the first byte that breaks UTF-8, if any.
    static func firstInvalidByte(in slice: ArraySlice<UInt8>) -> (Int, UInt8)? {
        // Fast path: pure ASCII lines need no decoding.
        if slice.allSatisfy({ $0 < 0x80 }) { return nil }
        var decoder = UTF8()
        var iterator = slice.makeIterator()
        var scalars = 0
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars += 1
                consumed += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                let index = slice.startIndex + consumed
                return (scalars + 1, index < slice.endIndex ? slice[index] : 0)
            }
        }
    }

    private static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.count
    }
}
