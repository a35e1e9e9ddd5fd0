/// The dict keys a snapshot's structure names: what `SnapshotDecoder` looks up, and what it
/// does not count as ignored. Numbered, so that a reader can keep a table by key.
enum SnapshotKey: Int, CaseIterable {
    case segments, deviceTraces
    case device, address, totalSize, allocatedSize, stream, segmentType, blocks
    case size, requestedSize, state, frames
    case action, addr, timeMicroseconds, deviceFree
    case filename, line, name

    /// The key as PyTorch spells it.
    var text: String { Self.texts[rawValue] }

    /// The key PyTorch spells `text`, or nil.
    init?(text: String) {
        guard let key = Self.byText[text] else { return nil }
        self = key
    }

    private static let texts = [
        "segments", "device_traces", "device", "address", "total_size", "allocated_size", "stream", "segment_type",
        "blocks", "size", "requested_size", "state", "frames", "action", "addr", "time_us", "device_free",
        "filename", "line", "name",
    ]
    private static let byText = Dictionary(uniqueKeysWithValues: allCases.map { ($0.text, $0) })
}
