/// A fixed pool of byte offsets `0 ..< totalSize` with exact allocation under a placement
/// policy (`FitPolicy`: first fit by default, next, best or worst fit), aligned allocation
/// whose gap becomes padding owned by the block, free with coalescing, O(1) statistics and
/// defragmentation.
///
/// The blocks live in a B+-tree over address order (`BlockNode`): leaves hold up to 32
/// entries (free runs and live blocks with their padding and alignment), and every inner node
/// keeps, per child, its first offset, its largest free entry, its payload, padding and
/// block sums and a bound on its room at 256-byte alignment. One descent by largest free
/// entry finds the lowest block that fits; one descent by offset finds a block to free.
/// The policies other than first fit choose a free entry first, then carve it in one descent
/// by offset:
/// - next fit: the first-fit descent restricted to the entries ending above the `rover`, then,
///   if none fits, the same from offset 0;
/// - worst fit: a first-fit descent for the lowest entry as long as the largest (which the
///   root keeps); for an aligned request that the largest may not hold, a best-first search
///   by the children's largest free entries;
/// - best fit: the smallest fitting key of a second index, the free entries ordered by
///   (length, start) (`SizeIndex`), kept in step with the tree only while the policy is best
///   fit. A first-fit pool keeps no such index and takes no other path.
///
/// Invariants (checked after every mutation when `POOL_INTERNAL_CHECKS` is set, as in debug
/// builds and the test suite):
/// - the entries tile `0 ..< totalSize` exactly, in address order, no entry empty;
/// - two free entries are never adjacent, and no leaf but the first starts with a free entry;
/// - every summary equals what it summarizes (the room bounds are at least what they bound),
///   every unused slot holds its sentinel, and the pool-wide sums agree with the entries;
/// - the size index exists exactly under best fit and holds exactly the free entries, in
///   order; the rover lies in `0 ... totalSize`.
///
/// `MemoryPool` is a value: `var copy = pool` is an independent pool. Copies share the tree's
/// nodes (and the size index's); a mutation copies only the nodes on its path that another
/// copy still holds, so keeping many snapshots (undo, time travel) costs O(log n) nodes per
/// mutation.
public struct MemoryPool: Sendable {
    /// The pool's size in bytes.
    public let totalSize: Int
    var root: BlockNode
    var counters: Counters
    /// The root's largest free entry.
    var largestFree: Int
    /// See `policy`.
    var fitPolicy: FitPolicy
    /// Where the last allocation ended (offset + size), under any policy; 0 for a new pool
    /// and after `defragment()`. `free` and switching the policy leave it alone. Next fit
    /// starts its search here (from offset 0 when it equals `totalSize`).
    public internal(set) var rover = 0
    /// The free entries by (length, start): present exactly while the policy is best fit.
    var sizeIndex: SizeIndex?
    /// The high-water mark and peak live bytes since the pool was made. Only an allocation
    /// can raise either (a free or a defragment never moves a block up nor adds payload), so
    /// each carve keeps them in O(1).
    public internal(set) var figures = PoolFigures()
    #if POOL_INTERNAL_CHECKS
    /// Mutations since the whole tree was last checked (see `checkInvariants`).
    var mutationsSinceFullCheck = 0
    #endif

    /// An empty pool of `totalSize` bytes that allocates by `policy`.
    /// - Throws: `PoolError.invalidPoolSize` when `totalSize <= 0`.
    /// - Complexity: O(1).
    public init(totalSize: Int, policy: FitPolicy = .first) throws(PoolError) {
        guard totalSize > 0 else { throw .invalidPoolSize(totalSize) }
        self.totalSize = totalSize
        root = BlockNode.make(isLeaf: true)
        root.insertEntry(at: 0, start: 0, tag: -totalSize)
        counters = Counters(used: 0, padding: 0, blocks: 0, freeBlocks: 1)
        largestFree = totalSize
        fitPolicy = policy
        if policy == .best { sizeIndex = SizeIndex(sorted: [SizeIndex.Key(length: totalSize, start: 0)]) }
        checkInvariants()
    }

    /// How allocations choose among the free blocks that fit (see `FitPolicy`). Setting it
    /// takes effect at the next allocation and changes nothing else (the rover stays).
    /// - Complexity: O(1) to read; O(1) to set, except O(n + f log f) for f free blocks when
    ///   best fit begins (its size index is built then, and dropped when it ends).
    public var policy: FitPolicy {
        get { fitPolicy }
        set {
            fitPolicy = newValue
            if newValue != .best {
                sizeIndex = nil
            } else if sizeIndex == nil {
                sizeIndex = makeSizeIndex()
            }
            checkInvariants()
        }
    }

    /// Allocates `size` bytes from the free block the policy chooses among those that hold
    /// them (first fit: the lowest); the block goes at that free block's start and the rest of
    /// it stays free after the new block. The rover moves to the block's end.
    /// - Returns: the block's offset, or nil when no free block is large enough.
    /// - Throws: `PoolError.invalidSize` when `size <= 0`.
    /// - Complexity: O(log n), n = blocks, under every policy.
    public mutating func alloc(_ size: Int) throws(PoolError) -> Int? {
        guard size > 0 else { throw .invalidSize(size) }
        guard size <= largestFree else { return nil }
        return carve(size: size, align: 1)
    }

    /// Allocates `size` bytes at the smallest multiple of `alignment` inside the free block
    /// the policy chooses among those that have one with `size` bytes after it (first fit: the
    /// lowest). The gap between the free block's start and the returned offset becomes padding
    /// owned by the new block: it counts as used and as padding, and returns to free space with
    /// the block. Any positive alignment works (48, 100, far beyond the pool); `alignment: 1`
    /// is exactly `alloc(size)`. The rover moves to the block's end.
    /// - Returns: the block's offset, or nil when no free block can hold it.
    /// - Throws: `PoolError.invalidSize` when `size <= 0` (checked first), then
    ///   `PoolError.invalidAlignment` when `alignment <= 0`.
    /// - Complexity: O((k + 1) log n), where k counts the free blocks of at least `size` bytes
    ///   that come before the answer in the policy's order but hold no aligned offset with
    ///   room (a free block of `size + alignment - 1` bytes always does); never a scan of all
    ///   blocks.
    public mutating func allocAligned(_ size: Int, alignment: Int) throws(PoolError) -> Int? {
        guard size > 0 else { throw .invalidSize(size) }
        guard alignment > 0 else { throw .invalidAlignment(alignment) }
        guard size <= largestFree else { return nil }
        return carve(size: size, align: alignment)
    }

    /// First fit searches and carves in one descent; the other policies choose first
    /// (`MemoryPool+Policies`).
    private mutating func carve(size: Int, align: Int) -> Int? {
        guard fitPolicy == .first else { return carveByPolicy(size: size, align: align) }
        makeRootUnique()
        guard
            let result = root.carve(
                end: totalSize, nodeMax: largestFree, size: size, align: align, freeBlocks: &counters.freeBlocks)
        else { return nil }
        noteCarve(result, size: size)
        checkInvariants()
        return result.offset
    }

    /// The pool-wide figures, the root and the rover after a carve of `size` bytes below the
    /// root reported `result`.
    @inline(__always)
    mutating func noteCarve(_ result: BlockNode.CarveResult, size: Int) {
        counters.used += result.gap + size
        counters.padding += result.gap
        counters.blocks += 1
        largestFree = result.maxFree
        rover = result.offset + size
        figures.noteAllocation(end: rover, live: counters.used - counters.padding)
        if let right = result.split { growRoot(right.takeRetainedValue()) }
    }

    /// Frees the live block at `offset` (an offset `alloc`/`allocAligned` returned); the block
    /// and its padding merge with free neighbours on both sides. The rover stays.
    /// - Throws: `offsetOutOfRange` (negative or ≥ total), `notBlockStart` (inside a block or
    ///   its padding), `notAllocated` (free space: never allocated, or already freed). A thrown
    ///   error changes nothing.
    /// - Complexity: O(log n).
    public mutating func free(_ offset: Int) throws(PoolError) {
        guard offset >= 0, offset < totalSize else { throw .offsetOutOfRange(offset) }
        makeRootUnique()
        var counters = self.counters
        let result = root.release(offset: offset, end: totalSize, nodeMax: largestFree, counters: &counters)
        if let failure = result.failure { throw failure }
        self.counters = counters
        largestFree = result.maxFree
        if let right = result.split { growRoot(right.takeRetainedValue()) }
        while !root.isLeaf, root.count == 1 { root = root.kids![0] }
        if sizeIndex != nil { noteFreed(start: offset - result.padding, end: offset + result.payload) }
        checkInvariants()
    }

    /// The pool's figures.
    /// - Complexity: O(1).
    public var stats: PoolStats {
        let free = totalSize - counters.used
        return PoolStats(
            total: totalSize, used: counters.used, free: free, blockCount: counters.blocks,
            fragmentation: free == 0 ? 0 : 1 - Double(largestFree) / Double(free),
            padding: counters.padding, largestFree: largestFree, freeBlockCount: counters.freeBlocks)
    }

    // MARK: Tree upkeep

    mutating func makeRootUnique() {
        if !isKnownUniquelyReferenced(&root) { root = root.copy() }
    }

    /// The root split: a new root above the two halves.
    mutating func growRoot(_ right: BlockNode) {
        let newRoot = BlockNode.make(isLeaf: false)
        newRoot.insertChild(root, at: 0, nodeEnd: right.starts[0])
        newRoot.insertChild(right, at: 1, nodeEnd: totalSize)
        root = newRoot
        largestFree = newRoot.innerMaxFree()
    }
}
