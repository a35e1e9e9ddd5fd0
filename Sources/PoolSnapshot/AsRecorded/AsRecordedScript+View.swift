import MemoryMap
import PoolAllocator
import PoolText

/// The player's as-recorded view of the script: its layout over the map and its panel, from the
/// player's pool at a position and what the script kept by position.
extension AsRecordedScript: RecordedView {
    /// The state after `position` steps: `pool` (the player's), the segments and pending blocks.
    func state(of pool: MemoryPool, afterSteps position: Int) -> AsRecordedState {
        var state = AsRecordedState(space: space)
        state.pool = pool
        for segment in segments(afterSteps: position) { state.reserve(segment) }
        for range in pending(afterSteps: position) {
            state.pendingOffsets.insert(range.lowerBound)
            state.pendingBytes += range.count
        }
        return state
    }

    /// Pending blocks, unreserved ranges (the pool's bytes outside every segment) and the
    /// segments labelled with their address, size and pool.
    /// - Complexity: O(s log s' + p) for s segments, s' address ranges and p pending spans.
    public func layout(of pool: MemoryPool, afterSteps position: Int) -> RecordedLayout {
        var segments: [RecordedLayout.Segment] = []
        for segment in self.segments(afterSteps: position) {
            guard let offsets = space.offsets(of: segment.address, size: segment.size) else { continue }
            let label =
                "\(SnapshotReplay.address(segment.address)) \(ByteSize.format(segment.size)) \(segment.poolName)"
            segments.append(RecordedLayout.Segment(offsets: offsets, label: label))
        }
        var unreserved: [Range<Int>] = []
        var cursor = 0
        for segment in segments {
            if segment.offsets.lowerBound > cursor { unreserved.append(cursor..<segment.offsets.lowerBound) }
            cursor = max(cursor, segment.offsets.upperBound)
        }
        if cursor < pool.totalSize { unreserved.append(cursor..<pool.totalSize) }
        return RecordedLayout(pending: pending(afterSteps: position), unreserved: unreserved, segments: segments)
    }

    /// `reserved 7.95 GiB  unallocated 5.52 GiB in 33  largest 472.06 MiB`.
    public func figuresLine(of pool: MemoryPool, afterSteps position: Int) -> String {
        let stats = state(of: pool, afterSteps: position).stats
        return "reserved \(ByteSize.format(stats.reserved))  unallocated \(ByteSize.format(stats.reservedUnallocated))"
            + " in \(NumberText.grouped(stats.freeBlocks))  largest \(ByteSize.format(stats.largestFree))"
    }

    /// `As recorded` and its figures, then the selected block: its address, size, whether it
    /// is pending, its segment, and where it was allocated.
    public func panel(
        of pool: MemoryPool, afterSteps position: Int, selectedOffset: Int?, callSite: String?
    ) -> [PanelText] {
        let state = state(of: pool, afterSteps: position)
        let stats = state.stats
        func row(_ name: String, _ value: String) -> PanelText {
            PanelText([
                .init(name + String(repeating: " ", count: max(1, 13 - name.count)), .dim), .init(value, .emphasis),
            ])
        }
        var lines = [
            PanelText("As recorded", .title),
            row("reserved", ByteSize.format(stats.reserved)),
            row("allocated", ByteSize.format(stats.allocated)),
            row("pending free", ByteSize.format(stats.pendingFree)),
            row("unallocated", ByteSize.format(stats.reservedUnallocated)),
            row("free blocks", NumberText.grouped(stats.freeBlocks)),
            row("largest free", ByteSize.format(stats.largestFree)),
            row("frag", NumberText.percent(stats.fragmentation)),
            row("segments", NumberText.grouped(state.segments.count)),
            PanelText("Block", .title),
        ]
        guard let offset = selectedOffset, let block = pool.block(at: offset), let address = space.address(at: offset)
        else {
            lines.append(PanelText("none selected", .dim))
            return lines
        }
        let pending = state.pendingOffsets.contains(offset)
        lines.append(PanelText(SnapshotReplay.address(address), .emphasis))
        lines.append(PanelText("\(ByteSize.format(block.size)) \(pending ? "pending free" : "in use")"))
        if let segment = state.segment(holding: address) {
            lines.append(PanelText("in \(SnapshotReplay.address(segment.address))", .dim))
            lines.append(PanelText("  \(ByteSize.format(segment.size)) \(segment.poolName) pool", .dim))
        }
        if let callSite {
            lines.append(PanelText("allocated at", .dim))
            for frame in callSite.split(separator: "\n") { lines.append(PanelText(" " + frame)) }
        }
        return lines
    }
}
