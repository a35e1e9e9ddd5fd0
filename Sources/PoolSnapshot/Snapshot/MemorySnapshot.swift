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

    /// Creates a snapshot from its segments and its per-device traces.
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
