import PoolText

/// Reads allocation traces (`.trace`, `.rep`): one operation per line,
/// ```
/// a ID SIZE          allocate
/// m ID SIZE ALIGN    allocate aligned
/// f ID               free
/// r ID SIZE          realloc: allocate the new size, then free the old block
/// ```
/// `#` starts a comment. A malloc-lab `.rep` header — the lines of bare numbers before the
/// first operation — is skipped, never interpreted (the drivers disagree on what its numbers
/// mean). Ids are whole numbers; sizes use the size grammar. The corner cases of CMU's malloc-lab
/// driver are read as it reads them: `f -1` frees NULL (a no-op), `r ID 0` frees, and an `r` of
/// an id that is not live allocates (the last two are the runner's; see `ScriptRunner`).
enum TraceParser {
    /// Parses a trace file's bytes.
    /// - Throws: the syntax errors of the file, in line order (see `TraceScanner` for how many).
    /// - Complexity: O(bytes), a few nanoseconds a byte for plain lines (release builds).
    static func parse(_ bytes: [UInt8], fileName: String) throws(SyntaxErrors) -> Script {
        var reader = PackedTraceReader(fileName: fileName, expectedBytes: bytes.count)
        bytes.withUnsafeBufferPointer { reader.feed($0) }
        return try reader.finish()
    }

    /// Parses trace text, as the tests write it (files go through `ScriptFile`).
    static func parse(_ text: String, fileName: String) throws(SyntaxErrors) -> Script {
        try parse(Array(text.utf8), fileName: fileName)
    }

    /// The blank-separated words of a line, up to a `#` comment.
    static func words(of line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var words: [ArraySlice<UInt8>] = []
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if isBlank(byte) {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "#") { break }
            let start = index
            while index < line.endIndex, !isBlank(line[index]), line[index] != UInt8(ascii: "#") {
                index += 1
            }
            words.append(line[start..<index])
        }
        return words
    }

    /// Space, tab, vertical tab, form feed: what separates a trace line's words.
    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    static func isDigits(_ word: ArraySlice<UInt8>) -> Bool {
        !word.isEmpty && word.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

/// Reads one trace operation from a line's words, collecting every problem it finds.
struct TraceLineReader {
    struct Problem {
        /// Index into the line's bytes where the problem is.
        var byteIndex: Int
        var message: String
    }

    let line: ArraySlice<UInt8>
    let words: [ArraySlice<UInt8>]
    private(set) var problems: [Problem] = []

    init(line: ArraySlice<UInt8>, words: [ArraySlice<UInt8>]) {
        self.line = line
        self.words = words
    }

    /// The shapes of the operations: the letter, its arguments, an example.
    private static let shapes: [String: (arguments: [String], example: String)] = [
        "a": (["an id", "a size"], "a 7 256"),
        "m": (["an id", "a size", "an alignment"], "m 7 256 64"),
        "f": (["an id"], "f 7"),
        "r": (["an id", "a size"], "r 7 512"),
    ]

    mutating func operation() -> Action? {
        let letter = String(decoding: words[0], as: UTF8.self)
        guard let shape = Self.shapes[letter] else {
            fail(
                words[0],
                "unknown trace operation '\(Diagnostic.printable(letter.unicodeScalars))'; "
                    + "expected a ID SIZE, m ID SIZE ALIGN, f ID or r ID SIZE")
            return nil
        }
        let arguments = words.dropFirst()
        if arguments.count < shape.arguments.count {
            let list =
                shape.arguments.count == 1
                ? shape.arguments[0]
                : shape.arguments.dropLast().joined(separator: ", ") + " and " + shape.arguments.last!
            problems.append(
                Problem(byteIndex: line.endIndex, message: "'\(letter)' needs \(list), e.g. \(shape.example)"))
            return nil
        }
        if arguments.count > shape.arguments.count {
            let extra = words[shape.arguments.count + 1]
            fail(extra, "unexpected '\(Self.text(extra))' after the operation")
        }
        // `f -1` is malloc-lab's free(NULL).
        let id = letter == "f" && words[1].elementsEqual("-1".utf8) ? Action.nullTraceID : self.id(words[1])
        switch letter {
        case "f":
            guard let id, problems.isEmpty else { return nil }
            return .traceFree(id: id)
        case "a", "r":
            // `r ID 0` is a free: realloc to 0 bytes.
            let size = number(words[2], what: "a size", allowsZero: letter == "r")
            guard let id, let size, problems.isEmpty else { return nil }
            return letter == "a" ? .traceAlloc(id: id, size: size, alignment: nil) : .traceRealloc(id: id, size: size)
        default:
            let size = number(words[2], what: "a size")
            let alignment = number(words[3], what: "an alignment")
            guard let id, let size, let alignment, problems.isEmpty else { return nil }
            return .traceAlloc(id: id, size: size, alignment: alignment)
        }
    }

    private mutating func id(_ word: ArraySlice<UInt8>) -> Int? {
        if TraceParser.isDigits(word) {
            if let value = Self.decimal(word) { return value }
            fail(word, "id \(Self.text(word)) is too large; the largest is \(Int.max)")
            return nil
        }
        fail(word, "'\(Self.text(word))' is not an id; ids are whole numbers like 7")
        return nil
    }

    /// A positive number of the size grammar; plain decimals take a fast path.
    private mutating func number(_ word: ArraySlice<UInt8>, what: String, allowsZero: Bool = false) -> Int? {
        let value: Int?
        if TraceParser.isDigits(word), let decimal = Self.decimal(word) {
            value = decimal
        } else {
            let text = Self.text(word)
            if text.hasPrefix("-") {
                fail(word, "\(what) must be positive, not \(text)")
                return nil
            }
            do {
                value = try ByteSize.parse(text)
            } catch .tooLarge {
                fail(word, "\(what.split(separator: " ")[1]) \(text) is too large; the largest is \(Int.max) bytes")
                return nil
            } catch .ambiguousUnit(_, let suggestion) {
                fail(word, "'\(text)' is not \(what); did you mean \(suggestion)?")
                return nil
            } catch {
                fail(word, "'\(text)' is not \(what); sizes look like 256, 4KiB, 0x100 or 2M")
                return nil
            }
        }
        guard let value, value > 0 || (allowsZero && value == 0) else {
            fail(word, "\(what) must be positive, not \(Self.text(word))")
            return nil
        }
        return value
    }

    /// The value of a run of decimal digits, or nil when it does not fit in an `Int`.
    static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    static func text(_ word: ArraySlice<UInt8>) -> String {
        Diagnostic.printable(String(decoding: word, as: UTF8.self).unicodeScalars)
    }

    private mutating func fail(_ word: ArraySlice<UInt8>, _ message: String) {
        problems.append(Problem(byteIndex: word.startIndex, message: message))
    }
}

/// Reads a trace into packed form, working out its default pool size as it goes: what
/// `TraceParser.parse` and `ScriptFile.load` share.
struct PackedTraceReader {
    private var scanner: TraceScanner
    private var trace = PackedTrace()
    private var peak = TracePeak()

    /// - Parameter expectedBytes: the text's length, when known: room is made for the
    ///   operations it likely holds, so the packed arrays are not copied as they grow.
    init(fileName: String, expectedBytes: Int = 0) {
        scanner = TraceScanner(fileName: fileName)
        scanner.keepsCallSites = true
        trace.reserveCapacity(expectedBytes / 12)
    }

    /// Whether the text turned out binary (reading more is pointless).
    var isBinary: Bool { scanner.isBinary }

    mutating func feed(_ piece: UnsafeBufferPointer<UInt8>) {
        scanner.feed(piece) { statement in
            trace.append(statement)
            peak.add(statement)
        }
    }

    /// The script, or every syntax error.
    mutating func finish() throws(SyntaxErrors) -> Script {
        scanner.finish { statement in
            trace.append(statement)
            peak.add(statement)
        }
        if let errors = scanner.errors { throw errors }
        var script = Script(kind: .trace, fileName: scanner.fileName, statements: StatementList(packed: trace))
        script.knownTracePoolSize = peak.poolSize
        script.callSites = scanner.callSites
        return script
    }
}
