extension AsRecordedRun {
    /// A block of the start state: its size and whether it awaits its stream.
    private struct StartBlock {
        var size: Int
        var pending: Bool
    }

    /// The state before the first event: the final `segments`, with every event undone from
    /// the last to the first (the type's rule 1).
    /// - Complexity: O(e + s·k + b log n): e events, k segment events, b blocks placed.
    static func startState(
        events: [TraceEvent], segments: [SnapshotSegment], notes: inout [String]
    ) -> AsRecordedState {
        var blocks: [Int: StartBlock] = [:]
        var reserved = ReservedSegments()
        for segment in segments {
            reserved.reserve(
                RecordedSegment(address: segment.address, size: segment.totalSize, segmentType: segment.segmentType))
            for block in segment.blocks where block.state.isActive {
                blocks[block.address] = StartBlock(size: block.size, pending: block.state == .activeAwaitingFree)
            }
        }
        for event in events.reversed() {
            guard let address = event.address else { continue }
            switch event.action {
            case .alloc: blocks[address] = nil
            case .freeRequested: blocks[address, default: StartBlock(size: event.size, pending: false)].pending = false
            case .freeCompleted: blocks[address] = StartBlock(size: event.size, pending: true)
            case .segmentFree, .segmentUnmap: reserved.reserve(segment(address, event.size, in: segments))
            case .segmentAlloc, .segmentMap: reserved.release(address: address, size: event.size)
            case .oom, .snapshot: break
            }
        }
        var state = AsRecordedState(space: RecordedAddressSpace(events: events, segments: segments))
        state.reserved = reserved
        for (address, block) in blocks.sorted(by: { $0.key < $1.key }) {
            if let problem = state.allocate(address: address, size: block.size) {
                notes.append("at the start: \(problem)")
            } else if block.pending {
                _ = state.requestFree(address: address)
            }
        }
        return state
    }
}
