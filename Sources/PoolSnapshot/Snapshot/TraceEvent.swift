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

    /// What happened.
    public var action: Action
    /// The block's or segment's address; nil for `oom` and `snapshot` when the file has none.
    public var address: Int?
    /// The block's or segment's bytes (for `oom`, the bytes asked for).
    public var size: Int
    /// The CUDA stream (0 when the file omits it).
    public var stream: Int
    /// When, in microseconds, if the file says.
    public var timeMicroseconds: Int?
    /// Where it happened, innermost frame first.
    public var frames: [StackFrame]
    /// On an `oom`: the bytes CUDA reported free on the device.
    public var deviceFree: Int?

    /// Creates an event; what the file may omit defaults to stream 0, no time, no frames.
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
