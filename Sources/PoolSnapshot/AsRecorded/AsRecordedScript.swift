import PoolAllocator
import PoolScript
import PoolText

/// An as-recorded run as a script the player plays (`tracePlace` at each block's offset), with
/// what its pool alone cannot show — which blocks are pending, which segments are reserved —
/// kept by position, so the player can draw any moment it seeks to.
///
/// The start's blocks first (line 0), then a statement for each event that changes the pool or
/// fails, on the event's line: `alloc` → `tracePlace`, `free_completed` → `traceFree`, `oom` →
/// `recordedFailure` with its explanation. `free_requested` and the segment events are drawn
/// (pending blocks, segments), not steps; `snapshot` is left out; captions (a demo's) are `say`
/// statements before their events' statements.
public struct AsRecordedScript: Sendable {
    /// The script: kind `.trace`, its pool the compacted address space.
    public private(set) var script: Script
    /// The addresses the pool's offsets stand for.
    public let space: RecordedAddressSpace
    /// The segments reserved from each position on (positions ascending; the first is 0).
    private(set) var segmentChanges: [(position: Int, segments: [RecordedSegment])] = []
    /// Pending blocks: their offsets, pending from `from` up to (not including) `to` steps.
    private(set) var pendingSpans: [(offsets: Range<Int>, from: Int, to: Int)] = []

    /// The script of `run` (from its start; `run` itself is not advanced), named `fileName`,
    /// with `captions` by the line of the event they come before.
    /// - Complexity: O(e log n + k·s) for e events, k segment events and s segments.
    public init(_ run: AsRecordedRun, fileName: String, captions: [Int: String] = [:]) {
        var run = run
        run.restart()
        space = run.state.space
        var statements: [Statement] = []
        var ids: [Int: Int] = [:]  // live block address → id
        var pendingFrom: [Int: Int] = [:]  // pending block address → position
        var nextID = 0
        var spans: [(offsets: Range<Int>, from: Int, to: Int)] = []
        var callSites = CallSites()
        func note(_ frames: [StackFrame], of id: Int) {
            let shown = StackFrame.shown(frames).prefix(3)
            if !shown.isEmpty { callSites[id] = shown.map(\.description).joined(separator: "\n") }
        }
        var finalFrames: [Int: [StackFrame]] = [:]
        for segment in run.finalSegments {
            for block in segment.blocks where !block.frames.isEmpty { finalFrames[block.address] = block.frames }
        }
        let start = run.start
        for block in start.pool.blocks {
            guard let address = space.address(at: block.offset) else { continue }
            note(finalFrames[address] ?? [], of: nextID)
            ids[address] = nextID
            statements.append(
                Statement(line: 0, action: .tracePlace(id: nextID, size: block.size, offset: block.offset)))
            nextID += 1
            if start.pendingOffsets.contains(block.offset) { pendingFrom[address] = statements.count }
        }
        var changes: [(position: Int, segments: [RecordedSegment])] = [(0, start.segments)]
        let events = run.events
        func segmentsChange(to segments: [RecordedSegment]) {
            if changes.last?.position == statements.count { changes.removeLast() }
            changes.append((statements.count, segments))
        }
        var captions = captions
        while let step = run.step() {
            if let caption = captions.removeValue(forKey: step.line) {
                statements.append(Statement(line: step.line, action: .say(caption)))
            }
            let event = events[step.line - 1]
            let address = event.address ?? 0
            switch event.action {
            case .alloc:
                guard let offset = step.offset, case .done = step.outcome else { continue }
                note(event.frames, of: nextID)
                ids[address] = nextID
                statements.append(
                    Statement(line: step.line, action: .tracePlace(id: nextID, size: event.size, offset: offset)))
                nextID += 1
            case .freeCompleted:
                guard let id = ids.removeValue(forKey: address) else { continue }
                if let from = pendingFrom.removeValue(forKey: address), let offset = step.offset {
                    spans.append((offset..<(offset + event.size), from, statements.count + 1))
                }
                statements.append(Statement(line: step.line, action: .traceFree(id: id)))
            case .freeRequested:
                if ids[address] != nil, pendingFrom[address] == nil { pendingFrom[address] = statements.count }
            case .oom:
                guard case .failed(let explanation) = step.outcome else { continue }
                statements.append(
                    Statement(line: step.line, action: .recordedFailure(size: event.size, message: explanation)))
            case .segmentAlloc, .segmentFree, .segmentMap, .segmentUnmap:
                segmentsChange(to: run.state.segments)
            case .snapshot:
                break
            }
        }
        // Blocks still pending at the end stay so to the last step.
        for (address, from) in pendingFrom {
            guard let offset = space.offset(of: address), let block = run.state.pool.block(at: offset) else { continue }
            spans.append((offset..<(offset + block.size), from, Int.max))
        }
        pendingSpans = spans.sorted { $0.from < $1.from }
        segmentChanges = changes
        var script = Script(kind: .trace, fileName: fileName, statements: statements)
        script.knownTracePoolSize = max(1, space.totalSize)
        script.poolSizeReason = "the addresses the device reserved, gaps left out"
        script.callSites = callSites
        self.script = script
    }

    /// The segments reserved after `position` steps.
    /// - Complexity: O(log k).
    public func segments(afterSteps position: Int) -> [RecordedSegment] {
        var low = 0, high = segmentChanges.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if segmentChanges[middle].position <= position { low = middle } else { high = middle }
        }
        return segmentChanges[low].segments
    }

    /// The offsets of the blocks pending after `position` steps, in offset order.
    /// - Complexity: O(p) for p pending spans over the whole run.
    public func pending(afterSteps position: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for span in pendingSpans {
            if span.from > position { break }
            if position < span.to { ranges.append(span.offsets) }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The same requests for poolmap's policies, step for step (so a comparison's bands stand
    /// at one position): each placement an allocation of its size (`traceAlloc`), each recorded
    /// failure a marker saying what PyTorch reported, the rest as it is; its pool `poolSize`.
    public func replayScript(poolSize: Int) -> Script {
        let statements = script.statements.map { statement -> Statement in
            switch statement.action {
            case .tracePlace(let id, let size, _):
                return Statement(line: statement.line, action: .traceAlloc(id: id, size: size, alignment: nil))
            case .recordedFailure(_, let message):
                return Statement(line: statement.line, action: .say("as recorded, \(message)"))
            default:
                return statement
            }
        }
        var replay = Script(kind: .trace, fileName: script.fileName, statements: statements)
        replay.knownTracePoolSize = poolSize
        replay.callSites = script.callSites
        return replay
    }
}
