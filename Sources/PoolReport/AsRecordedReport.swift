import MemoryMap
import PoolScript
import PoolSnapshot
import PoolText

/// `poolmap run snap.pickle`: a snapshot's device run as recorded (`AsRecordedRun`), reported
/// without a terminal as text or JSON, the steps streamed as they come so that a trace of any
/// length costs what its pool holds.
public enum AsRecordedReport {
    /// The glyph of a pending block on the text map line (a used block's is `█`).
    public static let pendingGlyph: Character = "▓"
    /// The glyph of unreserved bytes (free reserved bytes are `░`).
    public static let unreservedGlyph: Character = "·"

    /// Runs `run` to its end and writes the report to `output` (warnings — what the start could
    /// not hold, an end that differs from the snapshot's segments — to `errors`).
    /// - Returns: the number of events the state contradicted (each reported as an error).
    public static func write(
        _ run: AsRecordedRun, fileName: String, format: HeadlessRun.Format, width: Int, events: HeadlessRun.Events,
        output: (String) -> Void, errors: (String) -> Void
    ) -> Int {
        var run = run
        for note in run.startNotes { errors("poolmap: \(fileName): warning: \(note)\n") }
        var out = TextBuffer()
        var listed: [String] = []
        var tail: [String] = []
        let limit: Int? = if case .upTo(let n) = events { n } else { nil }
        var counts = (steps: 0, ooms: 0, errors: 0)
        let numberWidth = RunReport.numberWidth(lastLine: run.events.count)
        if format == .json { out.append("{\n  \"steps\": [") }
        while let step = run.step() {
            counts.steps += 1
            if case .failed = step.outcome { counts.ooms += 1 }
            if case .error(let message) = step.outcome {
                counts.errors += 1
                errors("\(fileName):\(step.line): error: \(message)\n")
            }
            if format == .json {
                out.append(counts.steps == 1 ? "\n    " : ",\n    ")
                appendJSON(of: step, to: &out)
                if out.count > 1 << 16 { flush(&out, output) }
            } else {
                let line = eventLine(step, numberWidth: numberWidth)
                if limit.map({ listed.count < $0 }) ?? true { listed.append(line) }
                tail.append(line)
                if tail.count > HeadlessRun.tailEvents { tail.removeFirst() }
            }
        }
        let difference = run.endDifference()
        if let difference {
            errors("poolmap: \(fileName): warning: the run does not end at the snapshot's segments: \(difference)\n")
        }
        if format == .json {
            appendEnd(of: run, endDifference: difference, stepCount: counts.steps, to: &out)
            flush(&out, output)
        } else {
            var lines = headLines(run, fileName: fileName, width: width)
            lines.append(
                "summary: \(NumberText.grouped(counts.steps)) events, \(counts.ooms) OOM\(counts.ooms == 1 ? "" : "s"), "
                    + "\(counts.errors) error\(counts.errors == 1 ? "" : "s")")
            if let limit, counts.steps > limit {
                lines.append(
                    "events: the last \(tail.count) of \(NumberText.grouped(counts.steps)) (--events all lists every one)"
                )
                lines += tail
            } else {
                lines.append("events:")
                lines += listed
            }
            output(lines.joined(separator: "\n") + "\n")
        }
        return counts.errors
    }

    private static func flush(_ out: inout TextBuffer, _ output: (String) -> Void) {
        output(out.text)
        out.removeAll()
    }

    // MARK: Text

    /// The heading, the map line and its legend, the figures and the segments.
    static func headLines(_ run: AsRecordedRun, fileName: String, width: Int) -> [String] {
        let state = run.state
        let stats = state.stats
        let space = state.space
        let map = mapLine(state, width: width)
        let segments = state.segments
        var lines = [
            "as recorded: device \(run.device) of \(fileName), \(ByteSize.format(space.totalSize)) of addresses "
                + "in \(space.stretches.count) range\(space.stretches.count == 1 ? "" : "s") (the gaps between them left out)",
            map,
            "\(MapCells.usedGlyph) used  \(pendingGlyph) pending free  \(MapCells.freeGlyph) free  "
                + "\(unreservedGlyph) unreserved",
            "reserved \(ByteSize.formatExact(stats.reserved))  allocated \(ByteSize.formatExact(stats.allocated))"
                + "  pending free \(ByteSize.formatExact(stats.pendingFree))"
                + "  reserved but unallocated \(ByteSize.formatExact(stats.reservedUnallocated))",
            "free blocks \(stats.freeBlocks)  largest free \(ByteSize.formatExact(stats.largestFree))"
                + "  fragmentation \(NumberText.fractionAndPercent(stats.fragmentation))",
            "segments: \(segments.count)",
        ]
        for segment in segments {
            let offset = space.offset(of: segment.address) ?? 0
            lines.append(
                "  \(SnapshotReplay.address(segment.address))  \(ByteSize.formatExact(segment.size)) \(segment.poolName)"
                    + "  at offset \(HexOffset.format(offset))")
        }
        return lines
    }

    /// The compacted space in `width` cells (fewer for fewer bytes), each the glyph of the kind
    /// holding most of its bytes (ties: used, pending, free, unreserved).
    static func mapLine(_ state: AsRecordedState, width: Int) -> String {
        let total = state.pool.totalSize
        let cells = max(1, min(width, total))
        let kinds: [AsRecordedRegion.Kind] = [.used, .pending, .free, .unreserved]
        var bytes = Array(repeating: [0, 0, 0, 0], count: cells)
        for region in state.regions {
            let kind = kinds.firstIndex(of: region.kind) ?? 0
            var start = region.offset
            while start < region.end {
                let cell = Int((Double(start) / Double(total) * Double(cells)).rounded(.down))
                let cellEnd = Int((Double(cell + 1) * Double(total) / Double(cells)).rounded(.up))
                let stop = min(region.end, max(cellEnd, start + 1))
                bytes[min(cell, cells - 1)][kind] += stop - start
                start = stop
            }
        }
        let glyphs: [Character] = [MapCells.usedGlyph, pendingGlyph, MapCells.freeGlyph, unreservedGlyph]
        return String(
            bytes.map { counts in
                // The kind with the most bytes; among equals, the first (used before pending …).
                var best = 0
                for kind in counts.indices where counts[kind] > counts[best] { best = kind }
                return glyphs[best]
            })
    }

    /// `   9  oom 2 GiB  → OOM: …`, with the event's address and offset when it has them.
    static func eventLine(_ step: AsRecordedRun.Step, numberWidth: Int) -> String {
        let event = step.event
        let number = String(step.line)
        var text = "  " + String(repeating: " ", count: max(0, numberWidth - number.count)) + number
        text += "  \(event.action.rawValue)"
        if let address = event.address, event.action != .oom, event.action != .snapshot {
            text += " \(SnapshotReplay.address(address))"
        }
        if event.action != .snapshot { text += " \(ByteSize.formatExact(event.size))" }
        if let offset = step.offset, event.action != .oom, event.action != .snapshot {
            text += " at \(HexOffset.format(offset))"
        }
        switch step.outcome {
        case .done: return text
        case .failed(let explanation): return text + "  → \(explanation)"
        case .error(let message): return text + "  → error: \(message)"
        }
    }

    // MARK: JSON

    /// A step: `line`, `op` (the snapshot's action name), `address`, `offset`, `size`, then
    /// `device_free` and the OOM's `message`, or an `error`.
    static func appendJSON(of step: AsRecordedRun.Step, to out: inout TextBuffer) {
        out.append("{")
        out.appendJSONKey("line", first: true)
        out.append(step.line)
        out.appendJSONKey("op")
        out.appendJSONString(step.event.action.rawValue)
        if let address = step.event.address {
            out.appendJSONKey("address")
            out.append(address)
        }
        if let offset = step.offset {
            out.appendJSONKey("offset")
            out.append(offset)
        }
        out.appendJSONKey("size")
        out.append(step.event.size)
        if let free = step.event.deviceFree {
            out.appendJSONKey("device_free")
            out.append(free)
        }
        switch step.outcome {
        case .done:
            out.appendJSONKey("result")
            out.appendJSON(JSONValue.null)
        case .failed(let explanation):
            out.appendJSONKey("result")
            out.appendJSON(JSONValue.null)
            out.appendJSONKey("message")
            out.appendJSONString(explanation)
        case .error(let message):
            out.appendJSONKey("error")
            out.appendJSONString(message)
        }
        out.append("}")
    }

    /// After the steps: the policy (`as-recorded`), the device, the stats, the end check, the
    /// segments and the regions.
    static func appendEnd(of run: AsRecordedRun, endDifference: String?, stepCount: Int, to out: inout TextBuffer) {
        let state = run.state
        let stats = state.stats
        out.append(stepCount == 0 ? "],\n" : "\n  ],\n")
        out.append("  \"policy\": \"as-recorded\",\n  \"device\": ")
        out.append(run.device)
        out.append(",\n  \"stats\": ")
        out.appendJSON(
            JSONValue.object([
                "reserved": .int(stats.reserved), "allocated": .int(stats.allocated),
                "pending_free": .int(stats.pendingFree), "reserved_unallocated": .int(stats.reservedUnallocated),
                "free_blocks": .int(stats.freeBlocks), "largest_free": .int(stats.largestFree),
                "fragmentation": .double(stats.fragmentation),
            ]))
        out.append(",\n  \"end_check\": ")
        out.appendJSON(endDifference.map { JSONValue.string($0) } ?? .null)
        out.append(",\n  \"segments\": [")
        for (index, segment) in state.segments.enumerated() {
            out.append(index == 0 ? "\n    " : ",\n    ")
            out.appendJSON(
                JSONValue.object([
                    "address": .int(segment.address), "offset": .int(state.space.offset(of: segment.address) ?? 0),
                    "size": .int(segment.size), "pool": .string(segment.poolName),
                ]))
        }
        out.append(state.segments.isEmpty ? "],\n" : "\n  ],\n")
        out.append("  \"regions\": [\n")
        let regions = state.regions
        for (index, region) in regions.enumerated() {
            out.append("    ")
            RunReport.appendJSONRegionOpening(
                offset: region.offset, size: region.size, kind: region.kind.rawValue, to: &out)
            out.appendJSONKey("address")
            out.append(region.address)
            out.appendJSONKey("segment")
            if let segment = region.segment { out.append(segment) } else { out.appendJSON(JSONValue.null) }
            out.append(index + 1 < regions.count ? "},\n" : "}\n")
        }
        out.append("  ]\n}\n")
    }
}
