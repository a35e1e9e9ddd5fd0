import PoolScript
import PoolText

/// Turns the tracer's raw records (addresses, in their global order) into poolmap's trace
/// format (ids): `a ID SIZE`, `m ID SIZE ALIGN`, `f ID`, `r ID SIZE`.
///
/// Addresses become ids by `AddressIDs`, the rule every address trace shares: a new id each
/// time an address is handed out, so every `f` and `r` names a live id. Frees of addresses the
/// trace never saw allocated (memory from before the tracer started, or from the tracer's
/// bootstrap buffer) are left out and counted; so is a realloc's old block when it is unknown,
/// and the realloc becomes an `a`. An image record after the first (an exec in the
/// traced process) becomes a `# exec PATH` comment followed by an `f` for every block then live.
package struct TraceConverter {
    /// What the trace holds: the converter's counts (`events`, `allocations`,
    /// `alignedAllocations`, `frees`, `reallocs`, `peakLiveBytes`, `peakLiveBlocks`,
    /// `unknownFrees`, `reusedLiveAddresses`: see `AddressIDs.Counts`), and what only a
    /// recording has.
    @dynamicMemberLookup
    package struct Summary: Equatable, Sendable {
        package var counts = AddressIDs.Counts()
        /// Blocks still live at the end (never freed).
        package var liveBlocksAtEnd = 0
        /// The paths of the images after the first: each exec in the traced process.
        package var execs: [String] = []
        /// Records that make no sense (an unknown kind, a size past `Int.max`): left out.
        package var malformedRecords = 0

        package init() {}

        package subscript(dynamicMember keyPath: WritableKeyPath<AddressIDs.Counts, Int>) -> Int {
            get { counts[keyPath: keyPath] }
            set { counts[keyPath: keyPath] = newValue }
        }
    }

    /// What the trace holds so far.
    package var summary: Summary {
        var summary = Summary()
        summary.counts = ids.counts
        summary.liveBlocksAtEnd = finished ? ids.counts.liveBlocks : 0
        summary.execs = execs
        summary.malformedRecords = malformedRecords
        return summary
    }

    /// The operation lines so far, `\n` after each.
    package var body: [UInt8] { lines.text.bytes }
    /// The trace's lines so far.
    private var lines = TraceLines()

    private var ids = AddressIDs()
    private var execs: [String] = []
    private var malformedRecords = 0
    private var finished = false
    /// Live ids whose realloc has begun: by the slot of its `reallocFrom` record.
    private var reallocsBySlot: [UInt64: Int] = [:]
    private var slot: UInt64 = 0
    /// The image whose text is being collected: its number, length and bytes so far.
    private var image: (number: UInt64, length: Int, text: [UInt8])?

    /// The longest image text kept (two paths).
    static let maximumImageText = 8192

    package init() {}

    /// Converts a whole raw trace.
    package static func convert(_ records: some Sequence<RawTrace.Record>) -> TraceConverter {
        var converter = TraceConverter()
        for record in records { converter.add(record) }
        converter.finish()
        return converter
    }

    /// Adds the next record (slot order).
    package mutating func add(_ record: RawTrace.Record) {
        defer { slot &+= 1 }
        if var collecting = image {
            if record.kind == RawTrace.Kind.text {
                let count = Int(min(record.extra, 24))
                withUnsafeBytes(of: (record.address.littleEndian, record.size.littleEndian, record.aux.littleEndian)) {
                    collecting.text += $0.prefix(min(count, collecting.length - collecting.text.count))
                }
                image = collecting
                if collecting.text.count >= collecting.length { finishImage() }
                return
            }
            finishImage()
        }
        switch record.kind {
        case 0:
            return  // an empty slot: taken, never written
        case RawTrace.Kind.alloc:
            guard let size = Self.size(record.size) else { return malformed() }
            ids.allocate(at: record.address, size: size, into: &lines)
        case RawTrace.Kind.aligned:
            guard let size = Self.size(record.size), let alignment = Self.size(max(record.aux, 1)) else {
                return malformed()
            }
            ids.allocate(at: record.address, size: size, alignment: alignment, into: &lines)
        case RawTrace.Kind.free:
            ids.free(at: record.address, into: &lines)
        case RawTrace.Kind.reallocFrom:
            if let id = ids.detach(at: record.address) { reallocsBySlot[slot] = id }
        case RawTrace.Kind.reallocTo:
            guard let size = Self.size(record.size) else { return malformed() }
            let id = reallocsBySlot.removeValue(forKey: record.aux)
            ids.reattach(id, at: record.address, size: size, into: &lines)
        case RawTrace.Kind.image:
            image = (record.aux, Int(min(record.size, UInt64(Self.maximumImageText))), [])
            if record.size == 0 { finishImage() }
        default:
            malformed()  // includes a text record with no image before it
        }
    }

    /// Ends the conversion (an image whose text was cut short still counts).
    package mutating func finish() {
        if image != nil { finishImage() }
        finished = true
    }

    /// The trace file: the header comments, then the operations.
    package func traceText(command: [String], exitDescription: String?, notes: [String] = []) -> [UInt8] {
        var header = "# command: \(ShellQuoting.commandLine(command))\n"
        header += "# events: \(summary.events)\n"
        header += "# peak_live_bytes: \(summary.peakLiveBytes)\n"
        header += "# peak_live_blocks: \(summary.peakLiveBlocks)\n"
        if let exitDescription { header += "# exit: \(exitDescription)\n" }
        for note in notes + summaryNotes() { header += "# note: \(Self.oneLine(note))\n" }
        return Array(header.utf8) + body
    }

    /// Notes about what the trace leaves out, for its header.
    func summaryNotes() -> [String] {
        var notes: [String] = []
        if summary.unknownFrees > 0 {
            notes.append(
                "\(summary.unknownFrees) frees of memory allocated before the tracer started are left out")
        }
        if summary.reusedLiveAddresses > 0 {
            notes.append(
                "\(summary.reusedLiveAddresses) allocations at addresses still live: their earlier "
                    + "blocks are freed first"
            )
        }
        if summary.malformedRecords > 0 {
            notes.append("\(summary.malformedRecords) malformed records are left out")
        }
        return notes
    }

    // MARK: Events

    private mutating func finishImage() {
        guard let finished = image else { return }
        image = nil
        guard finished.number > 0 else { return }
        let path = Self.imageDescription(finished.text)
        execs.append(path)
        lines.text.append("# exec \(path)\n")
        ids.freeAll(into: &lines)
        reallocsBySlot.removeAll()
    }

    private mutating func malformed() {
        malformedRecords += 1
    }

    /// "what was executed (the binary that runs it)": the two paths the tracer wrote, apart.
    static func imageDescription(_ text: [UInt8]) -> String {
        let parts = text.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        let executed = oneLine(String(decoding: parts.first ?? [], as: UTF8.self))
        let binary = parts.count > 1 ? oneLine(String(decoding: parts[1], as: UTF8.self)) : ""
        if executed.isEmpty { return binary.isEmpty ? "?" : binary }
        if binary.isEmpty || binary == executed { return executed }
        return "\(executed) (\(binary))"
    }

    /// `text` on one line: control characters become `?`, so a comment never ends early.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }

    // MARK: Output

    /// A record's size as an `Int`, or nil past `Int.max` (no real block is that large).
    private static func size(_ value: UInt64) -> Int? {
        value <= UInt64(Int.max) ? Int(max(value, 1)) : nil
    }
}

/// The operation lines of a trace as `AddressIDs` makes them: `a ID SIZE`, `m ID SIZE ALIGN`,
/// `f ID`, `r ID SIZE`.
struct TraceLines: AddressTraceSink {
    var text = TextBuffer()

    mutating func append(_ action: Action) {
        switch action {
        case .traceAlloc(let id, let size, nil): line(UInt8(ascii: "a"), id, size)
        case .traceAlloc(let id, let size, let alignment?): line(UInt8(ascii: "m"), id, size, alignment)
        case .traceFree(let id): line(UInt8(ascii: "f"), id)
        case .traceRealloc(let id, let size): line(UInt8(ascii: "r"), id, size)
        default: break
        }
    }

    private mutating func line(_ letter: UInt8, _ id: Int, _ size: Int? = nil, _ alignment: Int? = nil) {
        text.append(byte: letter)
        text.append(" ")
        text.append(id)
        if let size {
            text.append(" ")
            text.append(size)
        }
        if let alignment {
            text.append(" ")
            text.append(alignment)
        }
        text.append("\n")
    }
}
