extension MemorySnapshot {
    /// The snapshot in a pickle's bytes.
    ///
    /// Read as a compact `PickleTree` (no tree of dicts and strings for the bulk of the data);
    /// bytes that reader leaves to `PickleReader` — every refused pickle, and forms Python
    /// never writes — are read by it, so refusals keep their messages and offsets. Both are
    /// decoded by the same `SnapshotDecoder`.
    /// - Throws: `SnapshotError.pickle` for a refused pickle; the structure's errors, each
    ///   naming the path of the value at fault.
    /// - Complexity: O(bytes).
    public static func read(_ bytes: [UInt8]) throws(SnapshotError) -> MemorySnapshot {
        if let tree = PickleTree.read(bytes) {
            return try MemorySnapshot(tree.root, in: PickleTreeValues(tree))
        }
        return try readThroughValueTree(bytes)
    }

    /// `read` through `PickleReader`'s `PickleValue` tree alone: what `read` gives whichever
    /// path it takes (the fuzz target and the tests check it).
    @_spi(Testing) public static func readThroughValueTree(_ bytes: [UInt8]) throws(SnapshotError) -> MemorySnapshot {
        let value: PickleValue
        do {
            value = try PickleReader.read(bytes)
        } catch {
            throw .pickle(error)
        }
        return try MemorySnapshot(value)
    }

    /// The snapshot a pickled value describes (see `init(_:in:)`).
    package init(_ value: PickleValue) throws(SnapshotError) {
        try self.init(value, in: PickleValueTree())
    }

    /// The snapshot a pickled value describes: a dict with `segments` and `device_traces`, or
    /// (the old form) a list of segments alone.
    init<Source: PickledValues>(_ value: Source.Value, in source: Source) throws(SnapshotError) {
        var decoder = SnapshotDecoder(source: source)
        if let top = source.dict(value) {
            guard let segments = source.value(top, .segments) else {
                throw .missingKey(path: "the snapshot", key: "segments")
            }
            let decodedSegments = try decoder.segments(segments)
            var traces: [[TraceEvent]] = []
            if let deviceTraces = source.value(top, .deviceTraces) {
                traces = try decoder.deviceTraces(deviceTraces)
            }
            decoder.countUnknownKeys(top, known: SnapshotDecoder<Source>.topKeys, place: "")
            self.init(segments: decodedSegments, deviceTraces: traces, ignored: decoder.ignored)
        } else if source.isList(value) {
            let segments = try decoder.segments(value)
            self.init(segments: segments, deviceTraces: [], isSegmentsOnly: true, ignored: decoder.ignored)
        } else {
            throw .notASnapshot(found: source.kindName(value))
        }
    }
}

/// Turns pickled values into the snapshot's types, naming the path of any value of the wrong
/// kind; counts what it ignores. Paths are built only for errors. A frame, or a list of frames,
/// the pickle shares between events is decoded once and its `StackFrame`s shared.
struct SnapshotDecoder<Source: PickledValues> {
    let source: Source
    var ignored: [String: Int] = [:]
    /// Frames decoded from a shared dict, by its identity (only those without ignored keys,
    /// which must be counted at every occurrence).
    private var frameByIdentity: [Int: StackFrame] = [:]
    /// Frame lists decoded, by their contents (likewise).
    private var framesByContent: [Source.ContentKey: [StackFrame]] = [:]

    init(source: Source) {
        self.source = source
    }

    typealias Value = Source.Value
    typealias Dict = Source.Dict

    /// A set of keys, one bit each.
    struct Keys {
        var bits: UInt32
        init(_ keys: SnapshotKey...) { bits = keys.reduce(0) { $0 | 1 << $1.rawValue } }
        func contains(_ key: SnapshotKey) -> Bool { bits & 1 << key.rawValue != 0 }
    }

    static var topKeys: Keys { Keys(.segments, .deviceTraces) }
    static var segmentKeys: Keys {
        Keys(.device, .address, .totalSize, .allocatedSize, .stream, .segmentType, .blocks)
    }
    static var blockKeys: Keys { Keys(.address, .size, .requestedSize, .state, .frames) }
    static var eventKeys: Keys { Keys(.action, .addr, .size, .stream, .timeMicroseconds, .frames, .deviceFree) }
    static var frameKeys: Keys { Keys(.filename, .line, .name) }

    /// Counts the dict's keys outside `known` in `ignored`, by place; whether there were any.
    @discardableResult
    mutating func countUnknownKeys(_ dict: Dict, known: Keys, place: String) -> Bool {
        var found = false
        source.forEachKey(dict) { key, name in
            if let key, known.contains(key) { return }
            ignored[place.isEmpty ? name() : "\(place).\(name())", default: 0] += 1
            found = true
        }
        return found
    }

    // MARK: Segments

    mutating func segments(_ value: Value) throws(SnapshotError) -> [SnapshotSegment] {
        let items = try list(value, at: { "segments" })
        var segments: [SnapshotSegment] = []
        segments.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let path = { "segments[\(index)]" }
            let dict = try self.dict(item, at: path)
            let address = try size(dict, .address, at: path) ?? 0
            let totalSize = try size(dict, .totalSize, at: path) ?? 0
            var blocks: [SnapshotBlock] = []
            if let blockList = source.value(dict, .blocks) {
                let blockItems = try list(blockList, at: { "\(path()).blocks" })
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
                device: try size(dict, .device, at: path) ?? 0, address: address, totalSize: totalSize,
                allocatedSize: try size(dict, .allocatedSize, at: path),
                stream: try integer(dict, .stream, at: path) ?? 0,
                segmentType: try string(dict, .segmentType, at: path), blocks: blocks)
            countUnknownKeys(dict, known: Self.segmentKeys, place: "segments[]")
            segments.append(segment)
        }
        return segments
    }

    mutating func block(
        _ value: Value, defaultAddress: Int, at path: () -> String
    ) throws(SnapshotError)
        -> SnapshotBlock
    {
        let dict = try self.dict(value, at: path)
        guard let size = try size(dict, .size, at: path) else { throw .missingKey(path: path(), key: "size") }
        guard let state = try string(dict, .state, at: path) else {
            throw .missingKey(path: path(), key: "state")
        }
        let frames = try self.frames(dict, at: path)
        countUnknownKeys(dict, known: Self.blockKeys, place: "segments[].blocks[]")
        return SnapshotBlock(
            address: try self.size(dict, .address, at: path) ?? defaultAddress, size: size,
            requestedSize: try self.size(dict, .requestedSize, at: path) ?? size,
            state: SnapshotBlock.State(state), frames: frames)
    }

    // MARK: Traces

    mutating func deviceTraces(_ value: Value) throws(SnapshotError) -> [[TraceEvent]] {
        let devices = try list(value, at: { "device_traces" })
        var traces: [[TraceEvent]] = []
        traces.reserveCapacity(devices.count)
        for (device, events) in devices.enumerated() {
            let items = try list(events, at: { "device_traces[\(device)]" })
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
    mutating func event(_ value: Value, at path: () -> String) throws(SnapshotError) -> TraceEvent? {
        let dict = try self.dict(value, at: path)
        guard let actionName = try string(dict, .action, at: path) else {
            throw .missingKey(path: path(), key: "action")
        }
        guard let action = TraceEvent.Action(rawValue: actionName) else {
            ignored["unknown action \(actionName)", default: 0] += 1
            return nil
        }
        let address = try size(dict, .addr, at: path)
        let size = try self.size(dict, .size, at: path)
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
            action: action, address: address, size: size ?? 0, stream: try integer(dict, .stream, at: path) ?? 0,
            timeMicroseconds: try integer(dict, .timeMicroseconds, at: path), frames: try frames(dict, at: path),
            deviceFree: try self.size(dict, .deviceFree, at: path))
    }

    mutating func frames(_ dict: Dict, at path: () -> String) throws(SnapshotError) -> [StackFrame] {
        guard let value = source.value(dict, .frames) else { return [] }
        let items = try list(value, at: { "\(path()).frames" })
        let contentKey = source.contentKey(value)
        if let contentKey, let shared = framesByContent[contentKey] { return shared }
        var frames: [StackFrame] = []
        frames.reserveCapacity(items.count)
        var shareable = true
        for (index, item) in items.enumerated() {
            let identity = source.identity(item)
            if let identity, let shared = frameByIdentity[identity] {
                frames.append(shared)
                continue
            }
            let framePath = { "\(path()).frames[\(index)]" }
            let frameDict = try self.dict(item, at: framePath)
            let frame = StackFrame(
                filename: try string(frameDict, .filename, at: framePath) ?? "",
                line: try integer(frameDict, .line, at: framePath) ?? 0,
                name: try string(frameDict, .name, at: framePath) ?? "")
            if countUnknownKeys(frameDict, known: Self.frameKeys, place: "frames[]") {
                shareable = false
            } else if let identity {
                frameByIdentity[identity] = frame
            }
            frames.append(frame)
        }
        if shareable, let contentKey { framesByContent[contentKey] = frames }
        return frames
    }

    // MARK: Values of a kind

    func list(_ value: Value, at path: () -> String) throws(SnapshotError) -> Source.Items {
        guard let items = source.items(value) else {
            throw .wrongType(path: path(), expected: "a list", found: source.kindName(value))
        }
        return items
    }

    func dict(_ value: Value, at path: () -> String) throws(SnapshotError) -> Dict {
        guard let dict = source.dict(value) else {
            throw .wrongType(path: path(), expected: "a dict", found: source.kindName(value))
        }
        return dict
    }

    /// The integer at `key`, nil when the key is missing (or None).
    func integer(_ dict: Dict, _ key: SnapshotKey, at path: () -> String) throws(SnapshotError) -> Int? {
        guard let value = source.value(dict, key) else { return nil }
        switch source.scalar(value) {
        case .none: return nil
        case .int(let number): return number
        default:
            throw .wrongType(path: "\(path()).\(key.text)", expected: "an integer", found: source.kindName(value))
        }
    }

    /// `integer`, refusing values below zero (sizes, addresses, devices).
    func size(_ dict: Dict, _ key: SnapshotKey, at path: () -> String) throws(SnapshotError) -> Int? {
        guard let value = try integer(dict, key, at: path) else { return nil }
        guard value >= 0 else { throw .negative(path: "\(path()).\(key.text)", value: value) }
        return value
    }

    func string(_ dict: Dict, _ key: SnapshotKey, at path: () -> String) throws(SnapshotError) -> String? {
        guard let value = source.value(dict, key) else { return nil }
        switch source.scalar(value) {
        case .none: return nil
        case .string(let text): return text
        default:
            throw .wrongType(path: "\(path()).\(key.text)", expected: "a string", found: source.kindName(value))
        }
    }
}
