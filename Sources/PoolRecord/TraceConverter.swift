import PoolText

/// Turns the tracer's raw records (addresses, in their global order) into poolmap's trace
/// format (ids): `a ID SIZE`, `m ID SIZE ALIGN`, `f ID`, `r ID SIZE`.
///
/// Ids are handed out in order from 0, one per block: an address freed and handed out again
/// gets a new id, so an id is never reused, and every `f` and `r` names a live id. Frees of
/// addresses the trace never saw allocated (memory from before the tracer started, or from the
/// tracer's bootstrap buffer) are left out and counted; so is a realloc's old block when it is
/// unknown, and the realloc becomes an `a`. An image record after the first (an exec in the
/// traced process) becomes a `# exec PATH` comment followed by an `f` for every block then live.
package struct TraceConverter {
    /// What the trace holds.
    package struct Summary: Equatable, Sendable {
        /// Operation lines: `a`, `m`, `f` and `r`.
        package var events = 0
        package var allocations = 0
        package var alignedAllocations = 0
        package var frees = 0
        package var reallocs = 0
        /// The most bytes live at once; during an `r` the old and the new block both count, as
        /// for the default pool size of `poolmap run`.
        package var peakLiveBytes = 0
        /// The most blocks live at once.
        package var peakLiveBlocks = 0
        /// Blocks still live at the end (never freed).
        package var liveBlocksAtEnd = 0
        /// The paths of the images after the first: each exec in the traced process.
        package var execs: [String] = []
        /// Frees (and realloc sources) of addresses that were never recorded as allocated.
        package var unknownFrees = 0
        /// Allocations at an address still live in the trace (the earlier block is freed first).
        /// Zero unless some free escaped the tracer.
        package var reusedLiveAddresses = 0
        /// Records that make no sense (an unknown kind, a size past `Int.max`): left out.
        package var malformedRecords = 0

        package init() {}
    }

    package private(set) var summary = Summary()
    /// The operation lines so far, `\n` after each.
    package var body: [UInt8] { lines.bytes }
    /// The trace's lines so far.
    private var lines = TextBuffer()

    private var idsByAddress: [UInt64: Int] = [:]
    /// Every id's size while it is live, 0 once freed (ids are handed out densely from 0).
    private var sizesByID: [Int] = []
    private var liveBlocks = 0
    /// Live ids whose realloc has begun: by the slot of its `reallocFrom` record.
    private var reallocsBySlot: [UInt64: Int] = [:]
    private var nextID = 0
    private var liveBytes = 0
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
            allocate(at: record.address, size: size, alignment: nil)
        case RawTrace.Kind.aligned:
            guard let size = Self.size(record.size), let alignment = Self.size(max(record.aux, 1)) else {
                return malformed()
            }
            allocate(at: record.address, size: size, alignment: alignment)
        case RawTrace.Kind.free:
            if let id = idsByAddress.removeValue(forKey: record.address) {
                free(id)
            } else {
                summary.unknownFrees += 1
            }
        case RawTrace.Kind.reallocFrom:
            if let id = idsByAddress.removeValue(forKey: record.address) {
                reallocsBySlot[slot] = id
            } else {
                summary.unknownFrees += 1
            }
        case RawTrace.Kind.reallocTo:
            guard let size = Self.size(record.size) else { return malformed() }
            if let id = reallocsBySlot.removeValue(forKey: record.aux), case let old = sizesByID[id], old > 0 {
                reallocate(id, from: old, at: record.address, size: size)
            } else {
                allocate(at: record.address, size: size, alignment: nil)
            }
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
        summary.liveBlocksAtEnd = liveBlocks
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

    private mutating func allocate(at address: UInt64, size: Int, alignment: Int?) {
        if let stale = idsByAddress[address] {
            summary.reusedLiveAddresses += 1
            free(stale)
        }
        let id = nextID
        nextID += 1
        idsByAddress[address] = id
        sizesByID.append(size)
        liveBlocks += 1
        liveBytes = Self.add(liveBytes, size)
        if let alignment {
            summary.alignedAllocations += 1
            emit(UInt8(ascii: "m"), id, size, alignment)
        } else {
            summary.allocations += 1
            emit(UInt8(ascii: "a"), id, size)
        }
        summary.peakLiveBytes = max(summary.peakLiveBytes, liveBytes)
        summary.peakLiveBlocks = max(summary.peakLiveBlocks, liveBlocks)
    }

    private mutating func reallocate(_ id: Int, from old: Int, at address: UInt64, size: Int) {
        if let stale = idsByAddress[address] {
            summary.reusedLiveAddresses += 1
            free(stale)
        }
        summary.peakLiveBytes = max(summary.peakLiveBytes, Self.add(liveBytes, size))
        liveBytes = Self.add(max(0, liveBytes - old), size)
        sizesByID[id] = size
        idsByAddress[address] = id
        summary.reallocs += 1
        emit(UInt8(ascii: "r"), id, size)
    }

    private mutating func free(_ id: Int) {
        let size = sizesByID[id]
        guard size > 0 else { return }
        sizesByID[id] = 0
        liveBlocks -= 1
        liveBytes -= min(size, liveBytes)
        summary.frees += 1
        emit(UInt8(ascii: "f"), id)
    }

    private mutating func finishImage() {
        guard let finished = image else { return }
        image = nil
        guard finished.number > 0 else { return }
        let path = Self.imageDescription(finished.text)
        summary.execs.append(path)
        lines.append("# exec \(path)\n")
        for id in sizesByID.indices where sizesByID[id] > 0 { free(id) }
        idsByAddress.removeAll()
        reallocsBySlot.removeAll()
    }

    private mutating func malformed() {
        summary.malformedRecords += 1
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

    private mutating func emit(_ letter: UInt8, _ id: Int, _ size: Int? = nil, _ alignment: Int? = nil) {
        summary.events += 1
        lines.append(byte: letter)
        lines.append(" ")
        lines.append(id)
        if let size {
            lines.append(" ")
            lines.append(size)
        }
        if let alignment {
            lines.append(" ")
            lines.append(alignment)
        }
        lines.append("\n")
    }

    /// A record's size as an `Int`, or nil past `Int.max` (no real block is that large).
    private static func size(_ value: UInt64) -> Int? {
        value <= UInt64(Int.max) ? Int(max(value, 1)) : nil
    }

    private static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
