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
