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
    /// The region's first byte.
    public var offset: Int
    /// Its bytes (never 0).
    public var size: Int
    /// What its bytes hold.
    public var kind: RegionKind

    /// Creates the region of `size` bytes of `kind` from `offset`.
    public init(offset: Int, size: Int, kind: RegionKind) {
        self.offset = offset
        self.size = size
        self.kind = kind
    }

    /// One past the region's last byte.
    public var end: Int { offset + size }
}
