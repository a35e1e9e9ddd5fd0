/// A pool's figures at one moment: the classic exercise's five (total, used, free, block count,
/// fragmentation), and three more.
public struct PoolStats: Equatable, Sendable {
    /// The pool's size in bytes.
    public var total: Int
    /// Bytes in allocated blocks, padding included.
    public var used: Int
    /// `total - used`.
    public var free: Int
    /// Allocated (live) blocks.
    public var blockCount: Int
    /// `1 - largestFree / free`, or 0 when nothing is free.
    public var fragmentation: Double
    /// Bytes of alignment padding owned by live blocks (counted in `used` too).
    public var padding: Int
    /// The largest free block's size, 0 when nothing is free.
    public var largestFree: Int
    /// Free blocks (maximal runs of free bytes).
    public var freeBlockCount: Int

    /// Creates a pool's figures from the five classic numbers and the free-block count.
    public init(
        total: Int, used: Int, free: Int, blockCount: Int, fragmentation: Double,
        padding: Int, largestFree: Int, freeBlockCount: Int
    ) {
        self.total = total
        self.used = used
        self.free = free
        self.blockCount = blockCount
        self.fragmentation = fragmentation
        self.padding = padding
        self.largestFree = largestFree
        self.freeBlockCount = freeBlockCount
    }
}
