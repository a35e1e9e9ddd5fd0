import PoolAllocator

/// One device of a snapshot played as PyTorch's caching allocator laid it out: every block at
/// the offset of its real address in the compacted address space (`RecordedAddressSpace`),
/// inside the segments really reserved.
///
/// The rule (docs/formats.md, "The as-recorded reading"):
/// 1. The start: the blocks active in the final `segments` (awaiting-free ones pending) and
///    the segments, with the trace's events undone from the last to the first (as PyTorch's
///    viewer does): an `alloc` undone removes its block, a `free_requested` undone makes it
///    in use again, a `free_completed` undone brings it back pending, a `segment_free` or
///    `segment_unmap` undone reserves its range again, a `segment_alloc` or `segment_map`
///    undone releases it.
/// 2. Then each event in order: `alloc` places its block at its offset (`MemoryPool.place`),
///    `free_requested` marks it pending, `free_completed` frees it, segment events reserve and
///    release ranges, `oom` is a failure explained from the state at that moment, `snapshot`
///    a marker. An event the state contradicts (an `alloc` over a live block, the free of an
///    address that holds none) changes nothing and is reported as an error.
/// 3. At the end, the state is compared with the final `segments` (`endDifference`).
public struct AsRecordedRun: Sendable {
    /// What one event did.
    public struct Step: Equatable, Sendable {
        /// What an event came to.
        public enum Outcome: Equatable, Sendable {
            /// It was applied.
            case done
            /// An `oom`: the allocation failed, with the explanation.
            case failed(String)
            /// The state contradicts it: nothing changed, and why.
            case error(String)
        }

        /// The event's 1-based index in the device's trace.
        public var line: Int
        /// The event.
        public var event: TraceEvent
        /// The offset of its address in the compacted space, when it has one there.
        public var offset: Int?
        /// What it came to.
        public var outcome: Outcome
    }

    /// The device played.
    public let device: Int
    /// Its trace, oldest event first.
    public let events: [TraceEvent]
    /// Its segments in the snapshot, which the run ends at.
    public let finalSegments: [SnapshotSegment]
    /// The state before the first event (see the rule).
    public let start: AsRecordedState
    /// The state after `position` events.
    public private(set) var state: AsRecordedState
    /// Events applied so far.
    public private(set) var position = 0
    /// What the start could not hold (blocks that overlap after undoing), one sentence each.
    public let startNotes: [String]

    /// The run of `device` in `snapshot`, before its first event.
    /// - Complexity: O(e log e + b log n) for e events and b blocks at the start.
    public init(snapshot: MemorySnapshot, device: Int) {
        self.device = device
        events = device >= 0 && device < snapshot.deviceTraces.count ? snapshot.deviceTraces[device] : []
        finalSegments = snapshot.segments.filter { $0.device == device }
        var notes: [String] = []
        start = Self.startState(events: events, segments: finalSegments, notes: &notes)
        state = start
        startNotes = notes
    }

    /// Back to the state before the first event.
    public mutating func restart() {
        state = start
        position = 0
    }

    /// Whether every event has been applied.
    public var isFinished: Bool { position == events.count }

    /// Applies the next event.
    /// - Returns: what it did, or nil at the end.
    /// - Complexity: O(log n) for a block event, O(s) for a segment event, O(s log n + f) for an
    ///   `oom` (its explanation).
    public mutating func step() -> Step? {
        guard position < events.count else { return nil }
        let event = events[position]
        position += 1
        var problem: String?
        var outcome = Step.Outcome.done
        switch event.action {
        case .alloc:
            if let address = event.address { problem = state.allocate(address: address, size: event.size) }
        case .freeRequested:
            if let address = event.address { problem = state.requestFree(address: address) }
        case .freeCompleted:
            if let address = event.address { problem = state.completeFree(address: address) }
        case .segmentAlloc, .segmentMap:
            if let address = event.address { state.reserve(Self.segment(address, event.size, in: finalSegments)) }
        case .segmentFree, .segmentUnmap:
            if let address = event.address { state.release(address: address, size: event.size) }
        case .oom:
            outcome = .failed(state.oomExplanation(requested: event.size, deviceFree: event.deviceFree))
        case .snapshot:
            break
        }
        if let problem { outcome = .error(problem) }
        return Step(
            line: position, event: event, offset: event.address.flatMap { state.space.offset(of: $0) },
            outcome: outcome)
    }

    /// A reserved range as a segment: its pool as the final segment at that address says, else
    /// as its size says (`RecordedSegment.init`).
    static func segment(_ address: Int, _ size: Int, in segments: [SnapshotSegment]) -> RecordedSegment {
        let type = segments.first { $0.address <= address && address < $0.address &+ $0.totalSize }?.segmentType
        return RecordedSegment(address: address, size: size, segmentType: type)
    }
}
