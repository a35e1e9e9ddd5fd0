/// The search an allocation makes, made visible: which free blocks its policy looks at, in the
/// order it looks at them, what it finds in each, and the block it takes.
///
/// A pure function of a pool, a request and a policy, written from the definitions of
/// `FitPolicy` (not from the allocator's tree), and checked against `MemoryPool`'s choice:
/// - **first fit** walks the free blocks in address order and stops at the first that fits;
/// - **next fit** walks them in address order from the rover (the free block whose end is above
///   it, or from offset 0 when the rover is at the pool's end) to the pool's end, then wraps to
///   offset 0 and walks on up to where it started; it stops at the first that fits;
/// - **best fit** and **worst fit** look at every free block, then take the fitting one with
///   the fewest (best) or the most (worst) bytes, the lowest among equals.
///
/// A free block of `length` bytes from `start` **fits** `(size, alignment)` when it holds
/// `size` bytes from its lowest multiple of `alignment`; it is **too small** when it has fewer
/// than `size` bytes at all, and **misaligned** when it has enough bytes but not after the
/// padding up to that multiple. Arithmetic never overflows for hostile sizes and alignments.
public struct FitSearch: Equatable, Hashable, Sendable {
    /// What the search finds in one free block.
    public enum Verdict: String, Equatable, Hashable, Sendable, CaseIterable {
        /// Fewer bytes than the request.
        case tooSmall
        /// Enough bytes, but not from its first multiple of the alignment.
        case misaligned
        /// The request fits: `size` bytes from the block's first multiple of the alignment.
        case fits
    }

    /// One free block the search looked at.
    public struct Look: Equatable, Hashable, Sendable {
        /// The free block's first byte.
        public var start: Int
        /// Its bytes.
        public var length: Int
        /// Whether the request fits this free block, and if not, why.
        public var verdict: Verdict
        /// From `start` up to the first multiple of the alignment (it may exceed `length`).
        public var padding: Int

        /// Creates the look at the free block `start ..< start + length`, with its verdict and padding.
        public init(start: Int, length: Int, verdict: Verdict, padding: Int) {
            self.start = start
            self.length = length
            self.verdict = verdict
            self.padding = padding
        }

        /// One past the free block's last byte.
        public var end: Int { start + length }

        /// The free block's bytes.
        public var bytes: Range<Int> { start..<end }

        /// Where the block would go: the first multiple of the alignment at or above `start`,
        /// when that lies inside the free block; nil otherwise.
        public var alignedOffset: Int? { padding < length ? start + padding : nil }
    }

    /// The policy searched by.
    public let policy: FitPolicy
    /// The request's bytes and alignment (1: a plain `alloc`).
    public let size: Int
    /// The request's alignment: a power of two, 1 for a plain `alloc`.
    public let alignment: Int
    /// Where the search started: next fit's rover (0 when it is at the pool's end); 0 for the
    /// other policies.
    public let startOffset: Int
    /// The free blocks looked at, in the order the policy looked at them.
    public let looks: [Look]
    /// Next fit only: the index in `looks` where the search wrapped around to offset 0 (it may
    /// equal `looks.count` when nothing lies below the start); nil when it did not wrap.
    public let wrapIndex: Int?
    /// The index in `looks` of the block taken; nil when the allocation fails.
    public let chosenIndex: Int?

    /// The search `pool.allocAligned(size, alignment:)` makes, by `policy` (the pool's own by
    /// default) from the pool's rover.
    /// - Throws: `PoolError.invalidSize` when `size <= 0`, then `invalidAlignment` when
    ///   `alignment <= 0`, as `allocAligned` does.
    /// - Complexity: O(n) for n blocks: it reads every region.
    public init(pool: MemoryPool, size: Int, alignment: Int = 1, policy: FitPolicy? = nil) throws(PoolError) {
        let free = pool.regions.filter { $0.kind == .free }.map { (start: $0.offset, length: $0.size) }
        try self.init(
            freeBlocks: free, totalSize: pool.totalSize, rover: pool.rover, size: size, alignment: alignment,
            policy: policy ?? pool.policy)
    }

    /// The same search over free blocks given as (start, length) in address order, in a pool of
    /// `totalSize` bytes whose rover is `rover`.
    public init(
        freeBlocks: [(start: Int, length: Int)], totalSize: Int, rover: Int, size: Int, alignment: Int,
        policy: FitPolicy
    ) throws(PoolError) {
        guard size > 0 else { throw .invalidSize(size) }
        guard alignment > 0 else { throw .invalidAlignment(alignment) }
        self.policy = policy
        self.size = size
        self.alignment = alignment
        func look(_ block: (start: Int, length: Int)) -> Look {
            let remainder = block.start % alignment
            let padding = remainder == 0 ? 0 : alignment - remainder
            let verdict: Verdict
            if block.length < size {
                verdict = .tooSmall
            } else if padding > block.length - size {
                verdict = .misaligned
            } else {
                verdict = .fits
            }
            return Look(start: block.start, length: block.length, verdict: verdict, padding: padding)
        }
        var looks: [Look] = []
        var wrapIndex: Int?
        var chosenIndex: Int?
        switch policy {
        case .first:
            startOffset = 0
            for block in freeBlocks {
                looks.append(look(block))
                if looks[looks.count - 1].verdict == .fits {
                    chosenIndex = looks.count - 1
                    break
                }
            }
        case .next:
            let floor = rover >= totalSize ? 0 : max(0, rover)
            startOffset = floor
            let firstAbove = freeBlocks.firstIndex { $0.start + $0.length > floor } ?? freeBlocks.count
            let order = Array(freeBlocks[firstAbove...]) + (floor > 0 ? Array(freeBlocks[..<firstAbove]) : [])
            for (index, block) in order.enumerated() {
                if index == freeBlocks.count - firstAbove, floor > 0 { wrapIndex = index }
                looks.append(look(block))
                if looks[index].verdict == .fits {
                    chosenIndex = index
                    break
                }
            }
            if chosenIndex == nil, floor > 0, wrapIndex == nil { wrapIndex = looks.count }
        case .best, .worst:
            startOffset = 0
            looks = freeBlocks.map(look)
            for (index, candidate) in looks.enumerated() where candidate.verdict == .fits {
                guard let best = chosenIndex else {
                    chosenIndex = index
                    continue
                }
                let better =
                    policy == .best ? candidate.length < looks[best].length : candidate.length > looks[best].length
                if better { chosenIndex = index }
            }
        }
        self.looks = looks
        self.wrapIndex = wrapIndex
        self.chosenIndex = chosenIndex
    }

    /// The free block taken, if any.
    public var chosen: Look? { chosenIndex.map { looks[$0] } }

    /// Where the block lands, or nil when the allocation fails.
    public var offset: Int? { chosen?.alignedOffset }

    /// The blocks that fit, in the order looked at (best and worst fit choose among them).
    public var fitting: [Look] { looks.filter { $0.verdict == .fits } }
}
