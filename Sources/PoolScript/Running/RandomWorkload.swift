import PoolAllocator

/// One operation drawn by `RandomWorkload`.
public enum RandomOperation: Equatable, Hashable, Sendable {
    /// Free the live block at this offset.
    case free(offset: Int)
    /// Allocate `size` bytes at a multiple of `alignment` (1: a plain `alloc`).
    case alloc(size: Int, alignment: Int)
}

/// A reproducible stream of random allocations and frees that fragments a pool, shared by
/// scripts (`random N seed S`) and the explorer's `r`/`R` keys.
///
/// The rule, drawn from a `SplitMix64` seeded with the seed, for a pool of `T` bytes:
/// 1. When the pool holds live blocks, with probability 2/5 free one of them, chosen uniformly
///    among the live blocks (the k-th in address order, k uniform).
/// 2. Otherwise allocate. The size is log-uniform up to `M = max(1, T / 8)`: an exponent `e`
///    uniform in `0 ... ⌊log2 M⌋`, then a size uniform in `2^e ... min(2^(e+1) - 1, M)`; so
///    small, medium and large requests are about equally common, and none exceeds an eighth of
///    the pool. With probability 1/4 the request is aligned, to `2^j` bytes with `j` uniform in
///    `3 ... 8` (8 to 256 bytes, as GPU tensors are); otherwise its alignment is 1.
///
/// Every draw is defined for every pool, down to a single byte; a drawn allocation may fail,
/// which the caller reports like any other failed allocation.
public struct RandomWorkload: Equatable, Hashable, Sendable {
    /// The generator; its state is the workload's whole state.
    public private(set) var generator: SplitMix64

    /// The seed a `random` statement uses when it names none.
    public static let defaultSeed: UInt64 = 1

    /// A workload whose operations are determined by `seed` and the pools it is asked about.
    public init(seed: UInt64 = RandomWorkload.defaultSeed) {
        generator = SplitMix64(seed: seed)
    }

    /// Draws the next operation for `pool` (which this call does not change).
    /// - Complexity: O(log T · log n) for a free (a binary search over `usage(in:)`), O(1) for
    ///   an allocation; n = live blocks, T = the pool's size.
    public mutating func next(for pool: MemoryPool) -> RandomOperation {
        let live = pool.stats.blockCount
        if live > 0, generator.chance(2, in: 5) {
            let ordinal = generator.uniform(in: 0...(live - 1))
            if let block = Self.block(ordinal: ordinal, in: pool) {
                return .free(offset: block.offset)
            }
        }
        return drawAllocation(poolSize: pool.totalSize)
    }

    /// Draws an allocation request for a pool of `poolSize` bytes (step 2 of the rule).
    /// - Complexity: O(1).
    mutating func drawAllocation(poolSize: Int) -> RandomOperation {
        let maximum = max(1, poolSize / 8)
        let topExponent = Int.bitWidth - 1 - maximum.leadingZeroBitCount  // ⌊log2 maximum⌋
        let exponent = generator.uniform(in: 0...topExponent)
        let low = 1 << exponent
        let high = exponent + 1 < Int.bitWidth - 1 ? min((1 << (exponent + 1)) - 1, maximum) : maximum
        let size = generator.uniform(in: low...high)
        var alignment = 1
        if generator.chance(1, in: 4) {
            alignment = 1 << generator.uniform(in: 3...8)
        }
        return .alloc(size: size, alignment: alignment)
    }

    /// The live block with `ordinal` blocks before it in address order.
    ///
    /// `usage(in: x ..< x+1).blocksBefore` counts the blocks ending at or before `x` and grows
    /// with `x`, so the end of the wanted block is the least `x` where it exceeds `ordinal`.
    /// - Complexity: O(log T · log n).
    static func block(ordinal: Int, in pool: MemoryPool) -> Block? {
        var low = 1, high = pool.totalSize  // invariant: the answer lies in low ... high
        while low < high {
            let middle = low + (high - low) / 2
            if blocksEnding(atOrBefore: middle, in: pool) > ordinal { high = middle } else { low = middle + 1 }
        }
        guard blocksEnding(atOrBefore: low, in: pool) > ordinal else { return nil }
        return pool.block(containing: low - 1)
    }

    /// Live blocks whose last byte lies before `offset` (`offset` may equal the pool's size).
    private static func blocksEnding(atOrBefore offset: Int, in pool: MemoryPool) -> Int {
        if offset >= pool.totalSize { return pool.stats.blockCount }
        return pool.usage(in: offset..<offset + 1).blocksBefore
    }
}
