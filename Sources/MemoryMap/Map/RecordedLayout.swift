/// What a recorded allocator's layout adds to a pool drawn as recorded (a PyTorch snapshot:
/// blocks at their real offsets in a compacted address space): which blocks await their
/// stream, which bytes no segment holds at the moment shown, and where each segment begins.
/// The pool underneath stays a `MemoryPool`; this is drawn over it (`MapCellPainter`).
public struct RecordedLayout: Equatable, Sendable {
    /// A segment: its offsets in the pool and its label (address and pool).
    public struct Segment: Equatable, Sendable {
        /// Where it lies in the pool.
        public var offsets: Range<Int>
        /// How the panel names it: `0x7f4000000000 32 MiB large`.
        public var label: String

        /// A segment over `offsets` named `label`.
        public init(offsets: Range<Int>, label: String) {
            self.offsets = offsets
            self.label = label
        }
    }

    /// The pending blocks' offsets (a cell mostly theirs is drawn `.pendingFree`).
    public var pending: [Range<Int>]
    /// The unreserved ranges (a cell with no used bytes, mostly theirs, is drawn `.unreserved`).
    public var unreserved: [Range<Int>]
    /// The segments reserved, in offset order (each one's first cell is drawn `.segmentStart`).
    public var segments: [Segment]

    /// A layout of these ranges and segments (any order; ranges may touch).
    public init(pending: [Range<Int>], unreserved: [Range<Int>], segments: [Segment]) {
        self.pending = pending
        self.unreserved = unreserved
        self.segments = segments
    }
}
