/// A PyTorch CUDA memory snapshot (`torch.cuda.memory._snapshot()`, saved by
/// `_dump_snapshot`), as far as poolmap reads it: the segments the caching allocator held when
/// the snapshot was taken, and each device's trace of allocator events (a ring buffer, so it may
/// begin mid-run). Keys poolmap does not read are ignored and counted in `ignored`.
public struct MemorySnapshot: Equatable, Sendable {
    /// The segments held at the end, every device's, in the file's order.
    public var segments: [SnapshotSegment]
    /// One trace per device (index = device number), oldest event first.
    public var deviceTraces: [[TraceEvent]]
    /// Whether the file was the old segments-only form (a top-level list): no trace at all.
    public var isSegmentsOnly: Bool
    /// What was ignored: unknown keys by their place (`device_traces[][].pool_id`) and unknown
    /// actions by name (`"unknown action dance"`), each with how often.
    public var ignored: [String: Int]

    public init(
        segments: [SnapshotSegment], deviceTraces: [[TraceEvent]], isSegmentsOnly: Bool = false,
        ignored: [String: Int] = [:]
    ) {
        self.segments = segments
        self.deviceTraces = deviceTraces
        self.isSegmentsOnly = isSegmentsOnly
        self.ignored = ignored
    }
}

/// Memory one `cudaMalloc` (or expandable mapping) returned: carved into blocks that tile it.
public struct SnapshotSegment: Equatable, Sendable {
    public var device: Int
    public var address: Int
    public var totalSize: Int
    /// Bytes in active blocks, as PyTorch counts them; nil when the file omits it.
    public var allocatedSize: Int?
    public var stream: Int
    /// `"small"` or `"large"` (PyTorch's two pools); nil when the file omits it.
    public var segmentType: String?
    public var blocks: [SnapshotBlock]

    public init(
        device: Int, address: Int, totalSize: Int, allocatedSize: Int?, stream: Int, segmentType: String?,
        blocks: [SnapshotBlock]
    ) {
        self.device = device
        self.address = address
        self.totalSize = totalSize
        self.allocatedSize = allocatedSize
        self.stream = stream
        self.segmentType = segmentType
        self.blocks = blocks
    }
}

/// A piece of a segment: in use by a tensor, awaiting its stream before it is free, or free.
public struct SnapshotBlock: Equatable, Sendable {
    public enum State: Equatable, Sendable {
        case activeAllocated
        case activeAwaitingFree
        case inactive
        /// A state this reader does not know, kept by name.
        case other(String)

        init(_ name: String) {
            switch name {
            case "active_allocated": self = .activeAllocated
            case "active_awaiting_free": self = .activeAwaitingFree
            case "inactive": self = .inactive
            default: self = .other(name)
            }
        }

        /// Whether the block holds memory a program still uses (allocated, or freed but
        /// awaiting its stream).
        public var isActive: Bool { self == .activeAllocated || self == .activeAwaitingFree }
    }

    /// The block's device address: the file's `address`, else (older files) its segment's
    /// address plus the sizes of the blocks before it.
    public var address: Int
    public var size: Int
    /// The size the program asked for (`size` is it rounded up); `size` when the file omits it.
    public var requestedSize: Int
    public var state: State
    /// Where it was allocated, innermost frame first; empty when the file has none.
    public var frames: [StackFrame]

    public init(address: Int, size: Int, requestedSize: Int, state: State, frames: [StackFrame] = []) {
        self.address = address
        self.size = size
        self.requestedSize = requestedSize
        self.state = state
        self.frames = frames
    }
}

/// One event of the allocator's trace.
public struct TraceEvent: Equatable, Sendable {
    /// What the allocator did (PyTorch's names in the comments).
    public enum Action: String, Equatable, Sendable, CaseIterable {
        /// `alloc`: a block handed to the program.
        case alloc
        /// `free_requested`: the program freed it; the memory waits for its stream.
        case freeRequested = "free_requested"
        /// `free_completed`: the block's memory is free for reuse.
        case freeCompleted = "free_completed"
        /// `segment_alloc`: `cudaMalloc` of a new segment.
        case segmentAlloc = "segment_alloc"
        /// `segment_free`: `cudaFree` of a segment.
        case segmentFree = "segment_free"
        /// `segment_map`: pages mapped into an expandable segment.
        case segmentMap = "segment_map"
        /// `segment_unmap`: pages unmapped from an expandable segment.
        case segmentUnmap = "segment_unmap"
        /// `oom`: an allocation failed; `size` is what was asked, `deviceFree` what CUDA had left.
        case oom
        /// `snapshot`: a snapshot was taken here.
        case snapshot
    }

    public var action: Action
    /// The block's or segment's address; nil for `oom` and `snapshot` when the file has none.
    public var address: Int?
    public var size: Int
    public var stream: Int
    /// When, in microseconds, if the file says.
    public var timeMicroseconds: Int?
    /// Where it happened, innermost frame first.
    public var frames: [StackFrame]
    /// On an `oom`: the bytes CUDA reported free on the device.
    public var deviceFree: Int?

    public init(
        action: Action, address: Int?, size: Int, stream: Int = 0, timeMicroseconds: Int? = nil,
        frames: [StackFrame] = [], deviceFree: Int? = nil
    ) {
        self.action = action
        self.address = address
        self.size = size
        self.stream = stream
        self.timeMicroseconds = timeMicroseconds
        self.frames = frames
        self.deviceFree = deviceFree
    }
}

/// One frame of a recorded call stack: Python's or C++'s.
public struct StackFrame: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var filename: String
    public var line: Int
    public var name: String

    public init(filename: String, line: Int, name: String) {
        self.filename = filename
        self.line = line
        self.name = name
    }

    /// `file.py:42:forward`, with the file's last path component, as `_memory_viz.py` writes it.
    public var description: String {
        let file = filename.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? filename
        return "\(file):\(line):\(name)"
    }
}
