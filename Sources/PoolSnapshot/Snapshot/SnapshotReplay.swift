import PoolScript

/// The allocation sequence poolmap replays from one device of a snapshot, under its own
/// placement policies: a trace-kind `Script` of `a ID SIZE` and `f ID` statements with the
/// recording's other events as markers.
///
/// The rule (docs/formats.md, "PyTorch CUDA memory snapshots"):
/// 1. The trace is a ring buffer that may begin mid-run. Blocks it frees (`free_requested` or
///    `free_completed`) before it ever allocates them, and blocks active in the final
///    `segments` at addresses the trace never mentions, were live before it began: they are
///    allocated first, in address order, on line 0.
/// 2. Then each event in order, on the line of its 1-based index in the device's trace:
///    `alloc` → `a ID SIZE` (PyTorch's rounded block size), `free_completed` → `f ID`;
///    `free_requested`, `segment_alloc`/`segment_free`/`segment_map`/`segment_unmap`,
///    `snapshot` and `oom` → markers.
/// 3. A block gets a new id each time an address is handed out (ids from 0, pre-existing blocks
///    first), so every `f` names a live id. An `alloc` at an address still live frees the
///    earlier block first; a `free_completed` of an address not live, and an `alloc` of 0 bytes,
///    are left out; each is counted in `notes`.
///
/// A marker is a `say` statement whose caption is the marker's text (the existing statement
/// that runs as a step without touching the pool, shown while playing); `traceText` writes it
/// as a `#` line.
public struct SnapshotReplay: Sendable {
    /// Where the default pool size comes from.
    public enum PoolSizeOrigin: Equatable, Sendable {
        /// The device's capacity an `oom` revealed: reserved bytes at that moment + `device_free`
        /// (the largest over the trace's OOMs).
        case deviceCapacity
        /// The most bytes reserved at once over the trace (no OOM said how large the device is).
        case peakReserved
        /// The replay's peak live bytes, which exceeded the above (an inconsistent snapshot).
        case peakLive
        /// Nothing to go by (an empty trace without segments): 1 KiB, as for an empty trace.
        case floor
    }

    /// An OOM the recording reported.
    public struct OOM: Equatable, Sendable {
        /// Its marker's index in `script.statements`.
        public var statementIndex: Int
        /// The bytes asked for.
        public var requested: Int
        /// The bytes CUDA still had free on the device, if the file says.
        public var deviceFree: Int?
        /// The frames of the failing request, innermost first.
        public var frames: [StackFrame]
    }

    /// The device replayed.
    public var device: Int
    /// The sequence: kind `.trace`, named after the file.
    public var script: Script
    /// Each block id's frames (ids are dense from 0), where it was allocated.
    public var blockFrames: [[StackFrame]]
    /// Each block id's device address.
    public var blockAddresses: [Int]
    /// How many blocks were live before the trace began (ids 0 ..< this).
    public var preexistingBlocks: Int
    /// The pool to replay on when `--size` does not say; see `poolSizeOrigin`.
    public var defaultPoolSize: Int
    /// Where `defaultPoolSize` came from, so that titles and reports can say it.
    public var poolSizeOrigin: PoolSizeOrigin
    /// The most bytes the device's segments held at once over the trace.
    public var peakReservedBytes: Int
    /// The OOMs of the recording, in order.
    public var ooms: [OOM]
    /// The device's segments at the end (from the snapshot's `segments`).
    public var finalSegments: [SnapshotSegment]
    /// What was left out or mapped, one sentence each (empty when nothing was).
    public var notes: [String]
}
