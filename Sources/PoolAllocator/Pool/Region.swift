/// What a run of bytes in the pool holds.
public enum RegionKind: String, Equatable, Hashable, Sendable, CaseIterable {
    /// A live block's bytes, from the offset `alloc` returned.
    case used
    /// Free bytes.
    case free
    /// Bytes before an aligned block that the block owns (internal fragmentation).
    case padding
}

/// A maximal run of bytes of one kind; `pool.regions` tiles the pool in address order.
/// A region is never empty.
public struct Region: Equatable, Hashable, Sendable {
    public var offset: Int
    public var size: Int
    public var kind: RegionKind

    public init(offset: Int, size: Int, kind: RegionKind) {
        self.offset = offset
        self.size = size
        self.kind = kind
    }

    /// One past the region's last byte.
    public var end: Int { offset + size }
}
