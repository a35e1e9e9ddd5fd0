extension MemorySnapshot {
    /// Each device's number of trace events, by device number (a device that appears only in
    /// `segments` counts 0).
    public var eventCounts: [Int] {
        let devices = max(deviceTraces.count, (segments.map(\.device).max() ?? -1) + 1)
        return (0..<devices).map { $0 < deviceTraces.count ? deviceTraces[$0].count : 0 }
    }

    /// The device `--device N` picks: `requested` when the snapshot has it; without one, the
    /// only device with events — or, when no device has any, the only device with segments (or
    /// device 0 when there are none at all).
    /// - Throws: `SnapshotError.device` (exit 64) naming every device and its event count, when
    ///   `requested` is not a device of the snapshot, or none is given and several devices
    ///   have events (or, without events, several have segments).
    public func chooseDevice(_ requested: Int? = nil) throws(SnapshotError) -> Int {
        let counts = eventCounts
        if let requested {
            guard requested >= 0, requested < max(counts.count, 1) else {
                throw .device(requested: requested, eventCounts: counts)
            }
            return requested
        }
        let withEvents = counts.indices.filter { counts[$0] > 0 }
        if withEvents.count == 1 { return withEvents[0] }
        if withEvents.count > 1 { throw .device(requested: nil, eventCounts: counts) }
        let withSegments = Set(segments.map(\.device))
        if withSegments.count > 1 { throw .device(requested: nil, eventCounts: counts) }
        return withSegments.first ?? 0
    }
}
