import PoolScript
import PoolText

extension SnapshotReplay {
    /// The replay of `device`'s trace in `snapshot` (see the type for the rule).
    /// - Parameters:
    ///   - device: a device number, as `MemorySnapshot.chooseDevice` returns; a device without
    ///     a trace replays only the blocks live in its final segments.
    ///   - fileName: the name the script carries for messages.
    /// - Complexity: O(e log e) for e events, in memory O(e).
    public init(snapshot: MemorySnapshot, device: Int, fileName: String) {
        let events = device >= 0 && device < snapshot.deviceTraces.count ? snapshot.deviceTraces[device] : []
        let segments = snapshot.segments.filter { $0.device == device }
        var builder = ReplayBuilder()
        builder.allocatePreexisting(events: events, segments: segments)
        for (index, event) in events.enumerated() { builder.add(event, line: index + 1) }
        let reserved = ReservedBytes(events: events, segments: segments)

        var peak = TracePeak()
        for statement in builder.statements { peak.add(statement) }
        var size = reserved.capacity ?? reserved.peak
        var origin: PoolSizeOrigin = reserved.capacity == nil ? .peakReserved : .deviceCapacity
        if peak.peakBytes > size {
            size = peak.peakBytes
            origin = .peakLive
        }
        if size == 0 {
            size = 1024
            origin = .floor
        }
        self.init(
            device: device,
            script: Script(kind: .trace, fileName: fileName, statements: builder.statements),
            blockFrames: builder.blockFrames, blockAddresses: builder.blockAddresses,
            preexistingBlocks: builder.preexisting, defaultPoolSize: size, poolSizeOrigin: origin,
            peakReservedBytes: reserved.peak, ooms: builder.ooms, finalSegments: segments, notes: builder.notes)
    }

    /// The OOM marker's text: `OOM in the recording: 2.00 GiB requested, 0.80 GiB free on the
    /// device` — both figures in the unit of the larger, with two decimals.
    public static func oomText(requested: Int, deviceFree: Int?) -> String {
        let figures = inOneUnit([requested] + (deviceFree.map { [$0] } ?? []))
        var text = "OOM in the recording: \(figures[0]) requested"
        if deviceFree != nil { text += ", \(figures[1]) free on the device" }
        return text
    }

    /// Byte counts written in the binary unit of the largest, with two decimals (`2.00 GiB`,
    /// `0.80 GiB`), or as bytes when the largest is below 1 KiB (`512 B`): a sentence's figures
    /// compare at a glance.
    static func inOneUnit(_ values: [Int]) -> [String] {
        let largest = max(values.max() ?? 1, 1)
        let unitIndex = min(6, max(0, (Int.bitWidth - 1 - largest.leadingZeroBitCount) / 10))
        let names = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        return values.map { bytes in
            guard unitIndex > 0 else { return "\(bytes) B" }
            return NumberText.fixed(Double(bytes) / Double(1 << (10 * unitIndex)), places: 2) + " " + names[unitIndex]
        }
    }

    /// An address as poolmap writes a device address: `0x7f3a00000000` (`HexOffset`'s form,
    /// unpadded).
    package static func address(_ value: Int) -> String { HexOffset.format(value, digits: 1) }
}

/// Builds the statements, handing out ids as addresses are allocated (by `AddressIDs`, as for
/// every address trace).
private struct ReplayBuilder {
    var out = ReplayStatements()
    var statements: [Statement] { out.statements }
    var blockFrames: [[StackFrame]] = []
    var blockAddresses: [Int] = []
    var preexisting = 0
    var ooms: [SnapshotReplay.OOM] = []
    var ids = AddressIDs()
    var emptyAllocations = 0

    /// Blocks live before the trace began: freed by it before it allocates them, or active at
    /// the end at an address it never mentions; allocated in address order.
    mutating func allocatePreexisting(events: [TraceEvent], segments: [SnapshotSegment]) {
        var mentioned = Set<Int>()
        var found: [Int: (size: Int, frames: [StackFrame])] = [:]
        for event in events {
            guard let address = event.address else { continue }
            switch event.action {
            case .alloc:
                mentioned.insert(address)
            case .freeRequested, .freeCompleted:
                if mentioned.insert(address).inserted { found[address] = (event.size, event.frames) }
            default:
                continue
            }
        }
        for segment in segments {
            for block in segment.blocks where block.state.isActive && !mentioned.contains(block.address) {
                found[block.address] = (block.size, block.frames)
            }
        }
        for address in found.keys.sorted() {
            guard let block = found[address] else { continue }
            allocate(at: address, size: block.size, frames: block.frames, line: 0)
        }
        preexisting = blockAddresses.count
    }

    mutating func add(_ event: TraceEvent, line: Int) {
        let address = event.address ?? 0
        out.line = line
        switch event.action {
        case .alloc:
            allocate(at: address, size: event.size, frames: event.frames, line: line)
        case .freeCompleted:
            ids.free(at: UInt64(bitPattern: Int64(address)), into: &out)
        case .freeRequested:
            let block =
                ids.id(at: UInt64(bitPattern: Int64(address))).map { "block \($0)" }
                ?? "the block at \(SnapshotReplay.address(address))"
            marker("free requested: \(block) (\(ByteSize.format(event.size)))", line: line)
        case .segmentAlloc: segmentMarker("segment allocated", event, line: line)
        case .segmentFree: segmentMarker("segment freed", event, line: line)
        case .segmentMap: segmentMarker("segment mapped", event, line: line)
        case .segmentUnmap: segmentMarker("segment unmapped", event, line: line)
        case .snapshot: marker("snapshot taken", line: line)
        case .oom:
            ooms.append(
                SnapshotReplay.OOM(
                    statementIndex: out.statements.count, requested: event.size, deviceFree: event.deviceFree,
                    frames: event.frames))
            marker(SnapshotReplay.oomText(requested: event.size, deviceFree: event.deviceFree), line: line)
        }
    }

    private mutating func allocate(at address: Int, size: Int, frames: [StackFrame], line: Int) {
        guard size > 0 else {
            emptyAllocations += 1
            return
        }
        out.line = line
        ids.allocate(at: UInt64(bitPattern: Int64(address)), size: size, into: &out)
        blockAddresses.append(address)
        blockFrames.append(frames)
    }

    private mutating func marker(_ text: String, line: Int) {
        out.append(.say(text), line: line)
    }

    private mutating func segmentMarker(_ what: String, _ event: TraceEvent, line: Int) {
        marker(
            "\(what): \(ByteSize.format(event.size)) at \(SnapshotReplay.address(event.address ?? 0)), "
                + "stream \(event.stream)", line: line)
    }

    var notes: [String] {
        var notes: [String] = []
        if preexisting > 0 {
            notes.append("\(preexisting) blocks were live before the trace began: allocated first, in address order")
        }
        if ids.counts.reusedLiveAddresses > 0 {
            notes.append(
                "\(ids.counts.reusedLiveAddresses) allocations at addresses still live: their earlier blocks are freed first"
            )
        }
        if ids.counts.unknownFrees > 0 {
            notes.append("\(ids.counts.unknownFrees) frees of blocks that were not live are left out")
        }
        if emptyAllocations > 0 {
            notes.append("\(emptyAllocations) allocations of 0 bytes are left out")
        }
        return notes
    }
}

/// The replay's statements, each on the line of the event being read.
private struct ReplayStatements: AddressTraceSink {
    var statements: [Statement] = []
    var line = 0

    mutating func append(_ action: Action) {
        statements.append(Statement(line: line, action: action))
    }

    mutating func append(_ action: Action, line: Int) {
        statements.append(Statement(line: line, action: action))
    }
}

/// The device's reserved bytes over the trace: the final segments' total, less what the
/// trace's segment events added, at its start; then each event's change.
private struct ReservedBytes {
    var peak = 0
    /// Reserved + `device_free` at an OOM that says, the largest; nil without one.
    var capacity: Int?

    init(events: [TraceEvent], segments: [SnapshotSegment]) {
        var final = 0
        for segment in segments { final = Self.add(final, segment.totalSize) }
        var net = 0
        for event in events { net = Self.add(net, Self.change(event)) }
        var reserved = max(0, final &- net)
        peak = reserved
        for event in events {
            reserved = max(0, Self.add(reserved, Self.change(event)))
            peak = max(peak, reserved)
            if event.action == .oom, let free = event.deviceFree {
                capacity = max(capacity ?? 0, Self.add(reserved, free))
            }
        }
        peak = max(peak, final)
    }

    static func change(_ event: TraceEvent) -> Int {
        switch event.action {
        case .segmentAlloc, .segmentMap: return event.size
        case .segmentFree, .segmentUnmap: return -event.size
        default: return 0
        }
    }

    /// Saturating addition (sizes come from the file).
    static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }
}
