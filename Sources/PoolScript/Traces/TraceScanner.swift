import PoolText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads trace text in pieces of any size, a line at a time, so that a file of any length is
/// parsed in constant memory: `feed` each piece, then `finish`.
///
/// Plain lines — an operation letter and decimal numbers, ASCII only — take a fast path of a
/// few nanoseconds a byte. Anything else (units such as `4KiB`, hex, comments after the
/// fields, mistakes, non-ASCII text) goes through `TraceLineReader`, which gives the same
/// statements and every diagnostic. A NUL byte makes the file binary: one diagnostic, no
/// statements. A malloc-lab `.rep` header (lines of bare numbers before the first operation) is
/// skipped. Diagnostics beyond `keptDiagnostics` are counted, not kept. A line longer than
/// `maximumLineBytes` is an error, read no further than that: memory stays bounded whatever
/// the input (`yes | tr -d '\n'`).
struct TraceScanner {
    let fileName: String
    /// Diagnostics kept for printing: a garbage file of millions of lines is not kept whole.
    static let keptDiagnostics = 1000
    /// The longest line read (its newline and a CR before it not counted). A trace line is an
    /// operation and a few numbers; a longer line is reported, and the rest of it, up to its
    /// newline, skipped unread (a NUL byte there included).
    static let maximumLineBytes = 1 << 20

    private(set) var diagnostics: [Diagnostic] = []
    /// Diagnostics found beyond `keptDiagnostics`.
    private(set) var omittedDiagnostics = 0
    /// Statements emitted so far.
    private(set) var statementCount = 0
    /// Set at the first NUL byte; nothing is read after it.
    private(set) var isBinary = false
    private var lineNumber = 0
    private var inHeader = true
    /// The start of a line that the previous piece cut (at most `maximumLineBytes` plus a piece).
    private var carry: [UInt8] = []
    /// Set while the rest of a line longer than `maximumLineBytes` goes by, up to its newline.
    private var isSkippingLongLine = false

    /// Whether `# at LABEL` comments after allocations are kept in `callSites` (a trace that is
    /// only run has no use for them).
    var keepsCallSites = false
    /// The call sites read so far: `a` and `m` lines followed by a `# at LABEL` comment.
    private(set) var callSites = CallSites()

    /// How many bytes of an unfinished line are held (for tests of the bound).
    var carriedBytes: Int { carry.count }

    init(fileName: String) {
        self.fileName = fileName
    }

    /// Everything wrong with the text so far, or nil when nothing is.
    var errors: SyntaxErrors? {
        diagnostics.isEmpty ? nil : SyntaxErrors(diagnostics, omitted: omittedDiagnostics)
    }

    /// Reads the complete lines of `bytes` (a line cut at the end waits for the next piece),
    /// calling `emit` with each statement in order.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, emit: (Statement) -> Void) {
        guard !isBinary, let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            guard let newline = memchr(base + start, 0x0A, bytes.count - start) else {
                if isSkippingLongLine { return }
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
                // A NUL in an unfinished line makes the file binary now, and a line past the
                // limit is reported now: an endless input without newlines (`/dev/zero`, `yes |
                // tr -d '\n'`) must not be carried forever. `line` tells the two apart.
                let isTooLong = carry.count > Self.maximumLineBytes + 1
                if isTooLong || memchr(base + start, 0, bytes.count - start) != nil {
                    let cut = carry
                    carry = []
                    cut.withUnsafeBufferPointer { line($0, emit: emit) }
                    isSkippingLongLine = isTooLong && !isBinary
                }
                return
            }
            let end = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base
            if isSkippingLongLine {
                isSkippingLongLine = false
            } else if carry.isEmpty {
                line(UnsafeBufferPointer(rebasing: bytes[start..<end]), emit: emit)
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                let joined = carry
                carry.removeAll(keepingCapacity: true)
                joined.withUnsafeBufferPointer { line($0, emit: emit) }
            }
            if isBinary { return }
            start = end + 1
        }
    }

    /// Reads the last line when the text does not end with a newline.
    mutating func finish(emit: (Statement) -> Void) {
        guard !isBinary, !carry.isEmpty else { return }
        let last = carry
        carry = []
        last.withUnsafeBufferPointer { line($0, emit: emit) }
    }

    private mutating func line(_ raw: UnsafeBufferPointer<UInt8>, emit: (Statement) -> Void) {
        lineNumber += 1
        var bytes = raw
        if let last = bytes.last, last == 0x0D { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }
        if bytes.count > Self.maximumLineBytes {
            tooLong(UnsafeBufferPointer(rebasing: bytes[..<Self.maximumLineBytes]))
            return
        }
        if let statement = Self.plainOperation(bytes, line: lineNumber) {
            inHeader = false
            statementCount += 1
            emit(statement)
            return
        }
        careful(Array(bytes), emit: emit)
    }

    /// The fast path: `a ID SIZE`, `m ID SIZE ALIGN`, `f ID` or `r ID SIZE` in decimal, blanks
    /// between, nothing after; nil for anything else (which `careful` then reads).
    @inline(__always)
    private static func plainOperation(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> Statement? {
        var index = 0
        let count = bytes.count
        while index < count, TraceParser.isBlank(bytes[index]) { index &+= 1 }
        guard index &+ 1 < count, TraceParser.isBlank(bytes[index &+ 1]) else { return nil }
        let letter = bytes[index]
        let fields: Int
        switch letter {
        case UInt8(ascii: "a"), UInt8(ascii: "r"): fields = 2
        case UInt8(ascii: "m"): fields = 3
        case UInt8(ascii: "f"): fields = 1
        default: return nil
        }
        index &+= 1
        var values = (0, 0, 0)
        for field in 0..<fields {
            guard index < count, TraceParser.isBlank(bytes[index]) else { return nil }
            while index < count, TraceParser.isBlank(bytes[index]) { index &+= 1 }
            var value = 0
            let first = index
            while index < count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(digit))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
                index &+= 1
            }
            guard index > first, field == 0 || value > 0 else { return nil }
            switch field {
            case 0: values.0 = value
            case 1: values.1 = value
            default: values.2 = value
            }
        }
        while index < count, TraceParser.isBlank(bytes[index]) { index &+= 1 }
        guard index == count else { return nil }
        let action: Action
        switch letter {
        case UInt8(ascii: "a"): action = .traceAlloc(id: values.0, size: values.1, alignment: nil)
        case UInt8(ascii: "m"): action = .traceAlloc(id: values.0, size: values.1, alignment: values.2)
        case UInt8(ascii: "f"): action = .traceFree(id: values.0)
        default: action = .traceRealloc(id: values.0, size: values.1)
        }
        return Statement(line: line, action: action)
    }

    /// The careful path: text checks, the `.rep` header, every diagnostic.
    private mutating func careful(_ bytes: [UInt8], emit: (Statement) -> Void) {
        let slice = bytes[...]
        if let nul = slice.firstIndex(of: 0) {
            isBinary = true
            diagnostics = [SourceLines.binaryFile(prefix: slice[..<nul], line: lineNumber, fileName: fileName)]
            omittedDiagnostics = 0
            statementCount = 0
            return
        }
        if let problem = SourceLines.notUTF8(slice, line: lineNumber, fileName: fileName) {
            report(problem)
            return
        }
        let words = TraceParser.words(of: slice)
        guard !words.isEmpty else { return }
        if inHeader, words.allSatisfy({ TraceParser.isDigits($0) }) { return }
        inHeader = false
        var reader = TraceLineReader(line: slice, words: words)
        if let action = reader.operation() {
            statementCount += 1
            if keepsCallSites, let label = Self.callSite(slice) {
                switch action {
                case .traceAlloc(let id, _, _): callSites[id] = label
                default: break
                }
            }
            emit(Statement(line: lineNumber, action: action))
        }
        // The reader finds a line's problems in the order it checks them (an extra word before a
        // bad id); they are reported left to right, as every file's diagnostics are.
        for problem in reader.problems.sorted(by: { $0.byteIndex < $1.byteIndex }) {
            let prefix = slice[slice.startIndex..<problem.byteIndex]
            report(
                Diagnostic(
                    fileName: fileName, line: lineNumber,
                    column: String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1,
                    message: problem.message,
                    sourceLine: Diagnostic.printable(String(decoding: slice, as: UTF8.self).unicodeScalars)))
        }
    }

    /// The label of a `# at LABEL` comment ending the line, if it has one: where the block was
    /// allocated (`convert` writes them).
    static func callSite(_ line: ArraySlice<UInt8>) -> String? {
        guard let hash = line.firstIndex(of: UInt8(ascii: "#")) else { return nil }
        let comment = String(decoding: line[(hash + 1)...], as: UTF8.self).trimmingWhitespace()
        guard comment.hasPrefix("at ") else { return nil }
        let label = String(comment.dropFirst(3)).trimmingWhitespace()
        return label.isEmpty ? nil : Diagnostic.printable(label.unicodeScalars)
    }

    /// A line past `maximumLineBytes`, of which `head` is the part read: binary when a NUL is
    /// in it, else one error quoting the line's start (not a megabyte of it).
    private mutating func tooLong(_ head: UnsafeBufferPointer<UInt8>) {
        if memchr(head.baseAddress!, 0, head.count) != nil {
            careful(Array(head), emit: { _ in })
            return
        }
        report(
            SourceLines.tooLong(
                head[...], line: lineNumber, fileName: fileName, limit: Self.maximumLineBytes,
                why: "a trace line is one operation and its numbers"))
    }

    private mutating func report(_ diagnostic: Diagnostic) {
        if diagnostics.count < Self.keptDiagnostics {
            diagnostics.append(diagnostic)
        } else {
            omittedDiagnostics += 1
        }
    }
}
