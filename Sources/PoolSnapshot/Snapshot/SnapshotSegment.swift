/// Memory one `cudaMalloc` (or expandable mapping) returned: carved into blocks that tile it.
public struct SnapshotSegment: Equatable, Sendable {
    /// The device the segment is on.
    public var device: Int
    /// The segment's first device address.
    public var address: Int
    /// The segment's bytes, which its blocks tile.
    public var totalSize: Int
    /// Bytes in active blocks, as PyTorch counts them; nil when the file omits it.
    public var allocatedSize: Int?
    /// The CUDA stream the segment belongs to.
    public var stream: Int
    /// `"small"` or `"large"` (PyTorch's two pools); nil when the file omits it.
    public var segmentType: String?
    /// The segment's blocks in address order.
    public var blocks: [SnapshotBlock]

    /// Creates a segment from the file's fields and its blocks.
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
