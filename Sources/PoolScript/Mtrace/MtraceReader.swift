import PoolText

/// Reads a log written by glibc's `mtrace()` (glibc's `malloc/mtrace-impl.c` writes it) into a
/// trace: addresses become ids by `AddressIDs`, as `poolmap record` makes them, and each
/// allocation's caller is kept as its call site.
///
/// The lines, each event after an optional caller prefix `@ FILE:(SYMBOL+OFF)[0xADDR] `,
/// `@ FILE:[0xADDR] ` or `@ [0xADDR] ` (older glibc wrote none):
/// ```
/// = Start / = End             tracing began / ended
/// + 0xPTR 0xSIZE              malloc, calloc, memalign, … (alignment is not logged)
/// + (nil) 0xSIZE              a failed allocation: left out, as record leaves it out
/// - 0xPTR                     free, and realloc to 0 bytes
/// < 0xOLD  then  > 0xNEW 0xSIZE   realloc, on two lines
/// ! 0xPTR 0xSIZE              a failed realloc: the old block stays, nothing happens
/// ```
/// A size of 0 is written `0` (and counts 1 byte, as in record). Malformed lines get
/// diagnostics with line and column, as a trace's do; lines longer than
/// `TraceScanner.maximumLineBytes` are errors, so memory stays bounded.
public struct MtraceReader {
    /// What the log held besides its operations: the notes of `convert`'s header.
    public struct Counts: Equatable, Sendable {
        /// Allocations that failed (`+ (nil) SIZE`), left out as `record` leaves them out.
        public var failedAllocations = 0
        /// Reallocs that failed (`! PTR SIZE`), left out likewise.
        public var failedReallocs = 0
        /// `= Start` lines: more than one means the log holds several runs.
        public var starts = 0
    }

    /// The log's name, for diagnostics.
    public let fileName: String
    /// What the log held besides its operations, so far.
    public private(set) var counts = Counts()
    private var ids = AddressIDs()
    private var out = MtraceStatements()
    private var peak = TracePeak()
    private var diagnostics: [Diagnostic] = []
    private var omittedDiagnostics = 0
    private var lineNumber = 0
    private var carry: [UInt8] = []
    private var isSkippingLongLine = false
    private(set) var isBinary = false
    /// The realloc whose `<` line was read, waiting for its `>` line: the old block's id (nil:
    /// unknown), the `<` line's number and text.
    private var pendingRealloc: (id: Int?, line: Int, source: String)?

    /// A reader of the log called `fileName`, before its first byte.
    public init(fileName: String) {
        self.fileName = fileName
    }

    /// Reads the complete lines of `piece` (a line cut at its end waits for the next piece).
    public mutating func feed(_ piece: UnsafeBufferPointer<UInt8>) {
        guard !isBinary else { return }
        var start = 0
        while start < piece.count, !isBinary {
            guard let newline = piece[start...].firstIndex(of: 0x0A) else {
                if !isSkippingLongLine {
                    carry.append(contentsOf: piece[start...])
                    // Reported now: an endless input without newlines is never carried whole.
                    if carry.count > TraceScanner.maximumLineBytes + 1 {
                        let cut = carry
                        carry = []
                        line(cut[...])
                        isSkippingLongLine = !isBinary
                    }
                }
                return
            }
            if isSkippingLongLine {
                isSkippingLongLine = false
            } else if carry.isEmpty {
                line(Array(piece[start..<newline])[...])
            } else {
                carry.append(contentsOf: piece[start..<newline])
                let joined = carry
                carry.removeAll(keepingCapacity: true)
                line(joined[...])
            }
            start = newline + 1
        }
    }

    /// The trace, or every syntax error.
    public mutating func finish() throws(SyntaxErrors) -> Script {
        if !carry.isEmpty, !isBinary {
            let last = carry
            carry = []
            line(last[...])
        }
        resolvePendingRealloc()
        if !diagnostics.isEmpty { throw SyntaxErrors(diagnostics, omitted: omittedDiagnostics) }
        var script = Script(kind: .trace, fileName: fileName, statements: StatementList(packed: out.trace))
        script.knownTracePoolSize = peak.poolSize
        script.callSites = out.callSites
        return script
    }

    /// The counts of the conversion: blocks, frees, reallocs, peaks, unknown frees.
    public var idCounts: AddressIDs.Counts { ids.counts }

    /// Notes for a converted trace's header: what the log could not say or what was left out.
    public var notes: [String] {
        var notes = ["mtrace does not log alignment: memalign, posix_memalign and aligned_alloc read as malloc"]
        if counts.failedAllocations > 0 {
            notes.append(
                "\(counts.failedAllocations) failed allocations (NULL returned) are left out, as record leaves them out"
            )
        }
        if counts.failedReallocs > 0 {
            notes.append("\(counts.failedReallocs) failed reallocs are left out: their blocks stay as they were")
        }
        if ids.counts.unknownFrees > 0 {
            notes.append("\(ids.counts.unknownFrees) frees of memory allocated before tracing began are left out")
        }
        if ids.counts.reusedLiveAddresses > 0 {
            notes.append(
                "\(ids.counts.reusedLiveAddresses) allocations at addresses still live: their earlier blocks are freed first"
            )
        }
        return notes
    }

    // MARK: Lines

    private mutating func line(_ raw: ArraySlice<UInt8>) {
        lineNumber += 1
        var bytes = raw
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        if bytes.count > TraceScanner.maximumLineBytes {
            resolvePendingRealloc()
            tooLong(bytes)
            return
        }
        if let nul = bytes.firstIndex(of: 0) {
            binary(prefix: bytes[..<nul])
            return
        }
        if let problem = SourceLines.notUTF8(bytes, line: lineNumber, fileName: fileName) {
            resolvePendingRealloc()
            append(problem)
            return
        }
        var parser = MtraceLine(bytes)
        guard let parsed = parser.parse() else {
            resolvePendingRealloc()
            if let problem = parser.problem {
                report(
                    line: lineNumber, column: parser.column(of: problem.index), problem.message,
                    source: String(decoding: bytes, as: UTF8.self))
            }
            return
        }
        if !parsed.event.isReallocTo { resolvePendingRealloc() }
        apply(parsed, source: bytes)
    }

    /// A `<` line not followed by its `>` line is an error at the `<` line, reported before
    /// the next line's own (diagnostics come in line order).
    private mutating func resolvePendingRealloc() {
        guard let pending = pendingRealloc else { return }
        pendingRealloc = nil
        report(line: pending.line, column: 1, "a realloc's '<' line without its '>' line", source: pending.source)
    }

    private mutating func apply(_ parsed: MtraceLine.Parsed, source: ArraySlice<UInt8>) {
        out.line = lineNumber
        out.callSite = parsed.caller
        let before = out.trace.count
        switch parsed.event {
        case .start: counts.starts += 1
        case .end: break
        case .alloc(let address, let size):
            guard let address else {
                counts.failedAllocations += 1
                return
            }
            ids.allocate(at: address, size: max(size, 1), into: &out)
        case .free(let address):
            ids.free(at: address, into: &out)
        case .reallocFrom(let address):
            pendingRealloc = (ids.detach(at: address), lineNumber, String(decoding: source, as: UTF8.self))
        case .reallocTo(let address, let size):
            guard let pending = pendingRealloc else {
                report(
                    line: lineNumber, column: 1, "a realloc's '>' line without its '<' line before it",
                    source: String(decoding: source, as: UTF8.self))
                return
            }
            pendingRealloc = nil
            ids.reattach(pending.id, at: address, size: max(size, 1), into: &out)
        case .failedRealloc:
            counts.failedReallocs += 1
        }
        for index in before..<out.trace.count { peak.add(out.trace[index]) }
    }

    /// A NUL byte: a binary file, one diagnostic and nothing else (a `<` waiting included).
    private mutating func binary(prefix: ArraySlice<UInt8>) {
        isBinary = true
        pendingRealloc = nil
        diagnostics = [SourceLines.binaryFile(prefix: prefix, line: lineNumber, fileName: fileName)]
        omittedDiagnostics = 0
    }

    private mutating func tooLong(_ bytes: ArraySlice<UInt8>) {
        if let nul = bytes.firstIndex(of: 0) {
            binary(prefix: bytes[..<nul])
            return
        }
        append(
            SourceLines.tooLong(
                bytes, line: lineNumber, fileName: fileName, limit: TraceScanner.maximumLineBytes,
                why: "an mtrace line is one event and its caller"))
    }

    private mutating func report(line: Int, column: Int, _ message: String, source: String) {
        append(
            Diagnostic(
                fileName: fileName, line: line, column: column, message: message,
                sourceLine: Diagnostic.printable(source.unicodeScalars)))
    }

    private mutating func append(_ diagnostic: Diagnostic) {
        if diagnostics.count < TraceScanner.keptDiagnostics {
            diagnostics.append(diagnostic)
        } else {
            omittedDiagnostics += 1
        }
    }
}

/// The statements of an mtrace log, packed, with each allocation's caller.
private struct MtraceStatements: AddressTraceSink {
    var trace = PackedTrace()
    var callSites = CallSites()
    var line = 0
    var callSite: String?

    mutating func append(_ action: Action) {
        switch action {
        case .traceAlloc(let id, _, _): callSites[id] = callSite  // where it was allocated, not reallocated
        default: break
        }
        trace.append(Statement(line: line, action: action))
    }
}
