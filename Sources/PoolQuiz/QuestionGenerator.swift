import PoolAllocator
import PoolScript

/// The random questions of `poolmap quiz --random N` and `poolmap worksheet --ops N`: one
/// generator for both, so a worksheet and a quiz with the same flags ask the same questions.
///
/// `operations` operations on a pool of `poolSize` bytes placing by `policy`, drawn from a
/// `SplitMix64` seeded with `seed`, each for the pool as the operations before it left it:
/// 1. When blocks are live, with probability `freePercent`/100 free one of them, chosen
///    uniformly among the live blocks (in the order they were allocated).
/// 2. Otherwise allocate, naming the block `b1`, `b2`, … by the allocations so far (failed
///    ones included). One time in six, when the free bytes are split so that the largest free
///    block is smaller than the free total, the size lies just beyond the largest free block
///    (`largest + 1 … free`, rounded up to a multiple of 4 unless that passes `free`): a
///    request that fails although enough bytes are free. Otherwise the size is log-uniform
///    from 8 bytes up to a quarter of the pool (an exponent `e` uniform in
///    `min(3, E) … E`, `E = ⌊log2 M⌋`, `M = max(1, poolSize / 4)`, then uniform in
///    `2^e … min(2^(e+1) − 1, M)`), rounded down to a multiple of 4 from 4 up, so that sums
///    work out on paper. One request in four is aligned, to 16, 32, 64, 128 or 256 bytes
///    (uniform, and at most half the pool).
/// So some requests fail (the pool fills up, or its free bytes are split) and some are aligned,
/// and the same flags always give the same operations.
///
/// A set of `demandingFrom` operations or more is redrawn until it is worth handing out (unless
/// `Options.easy`): at least one allocation fails, and at least one lands differently (another
/// offset, or a failure) when the same operations run under first, best and worst fit — so the
/// policy matters. Redraw `k` (1, 2, …) starts from `redrawSeed(seed, k)`; after
/// `maximumRedraws` the first draw stands.
public struct QuestionGenerator: Equatable, Sendable {
    /// What to generate.
    public struct Options: Equatable, Hashable, Sendable {
        /// How many operations the quiz asks about.
        public var operations: Int
        /// The pool's size in bytes.
        public var poolSize: Int
        /// The placement policy the questions are about.
        public var policy: FitPolicy
        /// The seed of the draw: the same options draw the same questions.
        public var seed: UInt64
        /// How often an operation frees a live block, in percent (0 … 100).
        public var freePercent: Int
        /// Take the first draw as it comes, even with no failure or no policy difference.
        public var easy: Bool

        /// The default pool: 4 KiB, small enough to work out offsets by hand.
        public static let defaultPoolSize = 4096
        /// The default seed.
        public static let defaultSeed: UInt64 = 1
        /// How often an operation frees a live block by default, in percent.
        public static let defaultFreePercent = 40
        /// How many operations may be asked for.
        public static let operationRange = 1...1000

        /// Creates the options; all but `operations` have defaults.
        public init(
            operations: Int, poolSize: Int = defaultPoolSize, policy: FitPolicy = .first, seed: UInt64 = defaultSeed,
            freePercent: Int = defaultFreePercent, easy: Bool = false
        ) {
            self.operations = operations
            self.poolSize = poolSize
            self.policy = policy
            self.seed = seed
            self.freePercent = freePercent
            self.easy = easy
        }

        /// Why these options cannot be generated, or nil when they can.
        public var problem: String? {
            if !Self.operationRange.contains(operations) {
                return "the number of operations must be from \(Self.operationRange.lowerBound) to "
                    + "1,000, not \(operations)"
            }
            if poolSize < 1 { return "the pool must have at least 1 byte, not \(poolSize)" }
            if !(0...100).contains(freePercent) {
                return "the share of frees is a percentage from 0 to 100, not \(freePercent)"
            }
            return nil
        }
    }

    /// One generated operation and its answer.
    public enum Operation: Equatable, Hashable, Sendable {
        /// `name = alloc size [align alignment]`; `offset` is where it lands, nil when it fails.
        case alloc(name: String, size: Int, alignment: Int?, offset: Int?)
        /// `free name`, a block live at that point.
        case free(name: String)
    }

    /// Why generating was refused.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        /// Why, in words, as the command line prints it.
        public var description: String
    }

    /// From how many operations a draw must have a failure and a policy difference.
    public static let demandingFrom = 10
    /// How many times a draw is made again before the first one is taken as it is.
    public static let maximumRedraws = 400

    /// What was asked for.
    public let options: Options
    /// The operations, in order, with their answers.
    public let operations: [Operation]
    /// The pool's figures after the last operation.
    public let finalStats: PoolStats
    /// How many draws were made after the first (0 when the first was taken).
    public let redraws: Int

    /// Generates the operations `options` describe.
    /// - Throws: `Refusal` when the options are out of range (see `Options.problem`).
    /// - Complexity: O(operations × log n) per draw; at most `maximumRedraws` + 1 draws.
    public init(_ options: Options) throws(Refusal) {
        if let problem = options.problem { throw Refusal(description: problem) }
        self.options = options
        let first = try Self.draw(options, seed: options.seed)
        var chosen = (draw: first, redraws: 0)
        if !options.easy, options.operations >= Self.demandingFrom, !Self.isDemanding(first.operations, options) {
            for redraw in 1...Self.maximumRedraws {
                let candidate = try Self.draw(options, seed: Self.redrawSeed(options.seed, redraw))
                if Self.isDemanding(candidate.operations, options) {
                    chosen = (candidate, redraw)
                    break
                }
            }
        }
        operations = chosen.draw.operations
        finalStats = chosen.draw.finalStats
        redraws = chosen.redraws
    }

    /// The seed of redraw `k`: the seed moved on by `k` steps of the golden-ratio increment
    /// SplitMix64 itself uses, so each redraw's stream is unrelated to the others.
    static func redrawSeed(_ seed: UInt64, _ redraw: Int) -> UInt64 {
        seed &+ UInt64(redraw) &* 0x9E37_79B9_7F4A_7C15
    }

    /// Whether `operations` are worth handing out: an allocation fails, and the policy matters.
    static func isDemanding(_ operations: [Operation], _ options: Options) -> Bool {
        operations.contains { if case .alloc(_, _, _, nil) = $0 { true } else { false } }
            && policyMatters(operations, poolSize: options.poolSize)
    }

    /// Whether some allocation of `operations` lands differently (offset or failure) when they
    /// run under first, best and worst fit. A free of a block whose allocation failed under a
    /// policy is skipped under that policy.
    /// - Complexity: O(operations × log n).
    static func policyMatters(_ operations: [Operation], poolSize: Int) -> Bool {
        var pools: [MemoryPool] = []
        for policy in [FitPolicy.first, .best, .worst] {
            guard let pool = try? MemoryPool(totalSize: poolSize, policy: policy) else { return false }
            pools.append(pool)
        }
        var offsets = [[String: Int]](repeating: [:], count: pools.count)
        for operation in operations {
            switch operation {
            case .alloc(let name, let size, let alignment, _):
                var landed: [Int?] = []
                for index in pools.indices {
                    let offset = try? pools[index].allocAligned(size, alignment: alignment ?? 1)
                    offsets[index][name] = offset
                    landed.append(offset)
                }
                if landed.contains(where: { $0 != landed[0] }) { return true }
            case .free(let name):
                for index in pools.indices {
                    if let offset = offsets[index].removeValue(forKey: name) { try? pools[index].free(offset) }
                }
            }
        }
        return false
    }

    /// One draw of the operations from `seed`.
    private static func draw(
        _ options: Options, seed: UInt64
    ) throws(Refusal) -> (operations: [Operation], finalStats: PoolStats) {
        var random = SplitMix64(seed: seed)
        var pool: MemoryPool
        do {
            pool = try MemoryPool(totalSize: options.poolSize, policy: options.policy)
        } catch {
            throw Refusal(description: error.description)
        }
        var live: [(name: String, offset: Int)] = []
        var allocations = 0
        var operations: [Operation] = []
        operations.reserveCapacity(options.operations)
        for _ in 0..<options.operations {
            if !live.isEmpty, random.draw(below: 100) < UInt64(options.freePercent) {
                let chosen = live.remove(at: Int(random.draw(below: UInt64(live.count))))
                try? pool.free(chosen.offset)
                operations.append(.free(name: chosen.name))
                continue
            }
            allocations += 1
            let name = "b\(allocations)"
            let (size, alignment) = Self.drawRequest(&random, pool: pool)
            let offset = try? pool.allocAligned(size, alignment: alignment ?? 1)
            if let offset { live.append((name, offset)) }
            operations.append(.alloc(name: name, size: size, alignment: alignment, offset: offset))
        }
        return (operations, pool.stats)
    }

    /// A request for `pool` (step 2 of the rule).
    static func drawRequest(_ random: inout SplitMix64, pool: MemoryPool) -> (size: Int, alignment: Int?) {
        let stats = pool.stats
        let total = pool.totalSize
        var size: Int
        if random.draw(below: 6) == 0, stats.largestFree < stats.free {
            // Just too big for the largest free block, though the free bytes would hold it.
            size = stats.largestFree + 1 + Int(random.draw(below: UInt64(stats.free - stats.largestFree)))
            let rounded = size.addingReportingOverflow(3)
            if !rounded.overflow { size = min(stats.free, rounded.partialValue / 4 * 4) }
        } else {
            let maximum = max(1, total / 4)
            let topExponent = Int.bitWidth - 1 - maximum.leadingZeroBitCount
            let exponent = random.draw(in: min(3, topExponent)...topExponent)
            let low = 1 << exponent
            let high = exponent + 1 < Int.bitWidth - 1 ? min((1 << (exponent + 1)) - 1, maximum) : maximum
            size = random.draw(in: low...high)
            if size >= 4 { size = size / 4 * 4 }
        }
        var alignment: Int?
        if random.draw(below: 4) == 0 {
            // 16 … 256, at most half the pool.
            let topShift = min(8, Int.bitWidth - 1 - max(1, total / 2).leadingZeroBitCount)
            if topShift >= 4 { alignment = 1 << random.draw(in: 4...topShift) }
        }
        return (size, alignment)
    }
}

extension SplitMix64 {
    /// A uniformly distributed value in `0 ..< bound` (0 when `bound <= 1`), without modulo
    /// bias: draws in the incomplete last copy of `bound` are rejected and drawn again.
    mutating func draw(below bound: UInt64) -> UInt64 {
        guard bound > 1 else { return 0 }
        let rejectFrom = (UInt64.max - bound + 1) % bound
        while true {
            let value = next()
            if value >= rejectFrom { return value % bound }
        }
    }

    /// A uniformly distributed integer in `range` (`range` must not be empty).
    mutating func draw(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        if span == UInt64.max { return Int(Int64(bitPattern: next())) }
        return range.lowerBound &+ Int(Int64(bitPattern: draw(below: span + 1)))
    }
}
