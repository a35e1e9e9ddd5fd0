extension MemorySnapshot {
    /// The snapshot in a pickle's bytes.
    /// - Throws: `SnapshotError.pickle` for a refused pickle; the structure's errors, each
    ///   naming the path of the value at fault.
    /// - Complexity: O(bytes).
    public static func read(_ bytes: [UInt8]) throws(SnapshotError) -> MemorySnapshot {
        let value: PickleValue
        do {
            value = try PickleReader.read(bytes)
        } catch {
            throw .pickle(error)
        }
        return try MemorySnapshot(value)
    }

    /// The snapshot a pickled value describes: a dict with `segments` and `device_traces`, or
    /// (the old form) a list of segments alone.
    package init(_ value: PickleValue) throws(SnapshotError) {
        var decoder = SnapshotDecoder()
        switch value {
        case .dict(let top):
            guard let segments = top["segments"] else { throw .missingKey(path: "the snapshot", key: "segments") }
            let decodedSegments = try decoder.segments(segments)
            var traces: [[TraceEvent]] = []
            if let deviceTraces = top["device_traces"] {
                traces = try decoder.deviceTraces(deviceTraces)
            }
            decoder.countUnknownKeys(top, known: ["segments", "device_traces"], place: "")
            self.init(segments: decodedSegments, deviceTraces: traces, ignored: decoder.ignored)
        case .list:
            let segments = try decoder.segments(value)
            self.init(segments: segments, deviceTraces: [], isSegmentsOnly: true, ignored: decoder.ignored)
        default:
            throw .notASnapshot(found: value.kindName)
        }
    }
}

/// Turns pickled values into the snapshot's types, naming the path of any value of the wrong
/// kind; counts what it ignores. Paths are built only for errors.
struct SnapshotDecoder {
    var ignored: [String: Int] = [:]

    static let segmentKeys: Set<String> = [
        "device", "address", "total_size", "allocated_size", "stream", "segment_type", "blocks",
    ]
    static let blockKeys: Set<String> = ["address", "size", "requested_size", "state", "frames"]
    static let eventKeys: Set<String> = ["action", "addr", "size", "stream", "time_us", "frames", "device_free"]
    static let frameKeys: Set<String> = ["filename", "line", "name"]

    mutating func countUnknownKeys(_ dict: PickleDict, known: Set<String>, place: String) {
        for entry in dict.entries {
            if case .string(let key) = entry.key, known.contains(key) { continue }
            ignored[place.isEmpty ? "\(entry.key)" : "\(place).\(entry.key)", default: 0] += 1
        }
    }

    // MARK: Segments

    mutating func segments(_ value: PickleValue) throws(SnapshotError) -> [SnapshotSegment] {
        let items = try Self.list(value, at: { "segments" })
        var segments: [SnapshotSegment] = []
        segments.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let path = { "segments[\(index)]" }
            let dict = try Self.dict(item, at: path)
            let address = try Self.size(dict, "address", at: path) ?? 0
            let totalSize = try Self.size(dict, "total_size", at: path) ?? 0
            var blocks: [SnapshotBlock] = []
            if let blockList = dict["blocks"] {
                let blockItems = try Self.list(blockList, at: { "\(path()).blocks" })
                var next = address
                for (blockIndex, blockItem) in blockItems.enumerated() {
                    let blockPath = { "\(path()).blocks[\(blockIndex)]" }
                    let block = try self.block(blockItem, defaultAddress: next, at: blockPath)
                    let (end, overflow) = block.address.addingReportingOverflow(block.size)
                    next = overflow ? Int.max : end
                    blocks.append(block)
                }
            }
            let segment = SnapshotSegment(
                device: try Self.size(dict, "device", at: path) ?? 0, address: address, totalSize: totalSize,
                allocatedSize: try Self.size(dict, "allocated_size", at: path),
                stream: try Self.integer(dict, "stream", at: path) ?? 0,
                segmentType: try Self.string(dict, "segment_type", at: path), blocks: blocks)
            countUnknownKeys(dict, known: Self.segmentKeys, place: "segments[]")
            segments.append(segment)
        }
        return segments
    }

    mutating func block(
        _ value: PickleValue, defaultAddress: Int, at path: () -> String
    ) throws(SnapshotError)
        -> SnapshotBlock
    {
        let dict = try Self.dict(value, at: path)
        guard let size = try Self.size(dict, "size", at: path) else { throw .missingKey(path: path(), key: "size") }
        guard let state = try Self.string(dict, "state", at: path) else {
            throw .missingKey(path: path(), key: "state")
        }
        let frames = try self.frames(dict, at: path)
        countUnknownKeys(dict, known: Self.blockKeys, place: "segments[].blocks[]")
        return SnapshotBlock(
            address: try Self.size(dict, "address", at: path) ?? defaultAddress, size: size,
            requestedSize: try Self.size(dict, "requested_size", at: path) ?? size,
            state: SnapshotBlock.State(state), frames: frames)
    }

    // MARK: Traces

    mutating func deviceTraces(_ value: PickleValue) throws(SnapshotError) -> [[TraceEvent]] {
        let devices = try Self.list(value, at: { "device_traces" })
        var traces: [[TraceEvent]] = []
        traces.reserveCapacity(devices.count)
        for (device, events) in devices.enumerated() {
            let items = try Self.list(events, at: { "device_traces[\(device)]" })
            var trace: [TraceEvent] = []
            trace.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                if let event = try self.event(item, at: { "device_traces[\(device)][\(index)]" }) {
                    trace.append(event)
                }
            }
            traces.append(trace)
        }
        return traces
    }

    /// The event, or nil (counted) for an action this reader does not know.
    mutating func event(_ value: PickleValue, at path: () -> String) throws(SnapshotError) -> TraceEvent? {
        let dict = try Self.dict(value, at: path)
        guard let actionName = try Self.string(dict, "action", at: path) else {
            throw .missingKey(path: path(), key: "action")
        }
        guard let action = TraceEvent.Action(rawValue: actionName) else {
            ignored["unknown action \(actionName)", default: 0] += 1
            return nil
        }
        let address = try Self.size(dict, "addr", at: path)
        let size = try Self.size(dict, "size", at: path)
        switch action {
        case .snapshot: break
        case .oom:
            if size == nil { throw .missingKey(path: path(), key: "size") }
        default:
            if address == nil { throw .missingKey(path: path(), key: "addr") }
            if size == nil { throw .missingKey(path: path(), key: "size") }
        }
        countUnknownKeys(dict, known: Self.eventKeys, place: "device_traces[][]")
        return TraceEvent(
            action: action, address: address, size: size ?? 0, stream: try Self.integer(dict, "stream", at: path) ?? 0,
            timeMicroseconds: try Self.integer(dict, "time_us", at: path), frames: try frames(dict, at: path),
            deviceFree: try Self.size(dict, "device_free", at: path))
    }

    mutating func frames(_ dict: PickleDict, at path: () -> String) throws(SnapshotError) -> [StackFrame] {
        guard let value = dict["frames"] else { return [] }
        let items = try Self.list(value, at: { "\(path()).frames" })
        var frames: [StackFrame] = []
        frames.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let framePath = { "\(path()).frames[\(index)]" }
            let frame = try Self.dict(item, at: framePath)
            frames.append(
                StackFrame(
                    filename: try Self.string(frame, "filename", at: framePath) ?? "",
                    line: try Self.integer(frame, "line", at: framePath) ?? 0,
                    name: try Self.string(frame, "name", at: framePath) ?? ""))
            countUnknownKeys(frame, known: Self.frameKeys, place: "frames[]")
        }
        return frames
    }

    // MARK: Values of a kind

    static func list(_ value: PickleValue, at path: () -> String) throws(SnapshotError) -> [PickleValue] {
        switch value {
        case .list(let items), .tuple(let items): return items
        default: throw .wrongType(path: path(), expected: "a list", found: value.kindName)
        }
    }

    static func dict(_ value: PickleValue, at path: () -> String) throws(SnapshotError) -> PickleDict {
        guard case .dict(let dict) = value else {
            throw .wrongType(path: path(), expected: "a dict", found: value.kindName)
        }
        return dict
    }

    /// The integer at `key`, nil when the key is missing (or None).
    static func integer(_ dict: PickleDict, _ key: String, at path: () -> String) throws(SnapshotError) -> Int? {
        switch dict[key] {
        case nil, .none?: return nil
        case .int(let value)?: return value
        case let other?: throw .wrongType(path: "\(path()).\(key)", expected: "an integer", found: other.kindName)
        }
    }

    /// `integer`, refusing values below zero (sizes, addresses, devices).
    static func size(_ dict: PickleDict, _ key: String, at path: () -> String) throws(SnapshotError) -> Int? {
        guard let value = try integer(dict, key, at: path) else { return nil }
        guard value >= 0 else { throw .negative(path: "\(path()).\(key)", value: value) }
        return value
    }

    static func string(_ dict: PickleDict, _ key: String, at path: () -> String) throws(SnapshotError) -> String? {
        switch dict[key] {
        case nil, .none?: return nil
        case .string(let text)?: return text
        case let other?: throw .wrongType(path: "\(path()).\(key)", expected: "a string", found: other.kindName)
        }
    }
}
