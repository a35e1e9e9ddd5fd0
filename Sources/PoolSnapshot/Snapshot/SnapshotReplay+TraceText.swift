import PoolScript
import PoolText

extension SnapshotReplay {
    /// The sequence as poolmap's `.trace` text, what `convert` writes after its own header:
    /// `#` lines for the device, the default pool, the final segments and the notes; then one
    /// line per statement — `a ID SIZE` with the allocation's first shown frame as a call-site
    /// comment (`# at train.py:42:forward`), `f ID`, and each marker (OOMs included) as a `#`
    /// line. Read back as a trace it gives the same operations.
    /// - Complexity: O(statements + segments).
    public func traceText() -> String {
        var text = "# device: \(device)\n"
        let origin: String
        switch poolSizeOrigin {
        case .deviceCapacity: origin = "the device's capacity at an OOM (reserved + free)"
        case .peakReserved: origin = "the peak reserved bytes"
        case .peakLive: origin = "the peak live bytes"
        case .floor: origin = "nothing recorded"
        }
        text += "# pool: \(defaultPoolSize) (\(ByteSize.format(defaultPoolSize)), \(origin))\n"
        for segment in finalSegments {
            let pool = segment.segmentType.map { ", \(Self.oneLine($0)) pool" } ?? ""
            text +=
                "# segment \(Self.address(segment.address)): \(ByteSize.format(segment.totalSize))\(pool), "
                + "stream \(segment.stream), \(segment.blocks.count) blocks at the end\n"
        }
        for note in notes { text += "# note: \(Self.oneLine(note))\n" }
        for statement in script.statements {
            switch statement.action {
            case .traceAlloc(let id, let size, _):
                text += "a \(id) \(size)"
                if id < blockFrames.count, let frame = StackFrame.shown(blockFrames[id]).first {
                    text += "  # at \(Self.oneLine(frame.description))"
                }
                text += "\n"
            case .say(let marker):
                text += "# \(Self.oneLine(marker))\n"
            default:
                text += "\(statement.action)\n"
            }
        }
        return text
    }

    /// `text` on one line: line breaks and other control characters become spaces.
    static func oneLine(_ text: String) -> String { Script.oneLine(text) }
}
