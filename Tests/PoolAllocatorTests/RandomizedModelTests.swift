import PoolAllocator
import PoolScript
import TestSupport
import Testing

@testable import PoolScript

/// Seeded random runs of `MemoryPool` against `ReferenceModel`: every returned offset, every
/// thrown error, the mapping of every defragment, and after every step the stats, the regions
/// and the blocks must agree. A failure names the seed, the pool size and the step.
@Suite("Randomized against the reference model")
struct RandomizedModelTests {
    /// An operation's outcome, comparable whether it returned or threw.
    enum Outcome: Equatable {
        case offset(Int?)
        case failed(PoolError)
        case moved([Int: Int])
        case freed
    }

    struct Run {
        var random: SplitMix64
        var pool: MemoryPool
        var model: ReferenceModel
        let total: Int
        let seed: UInt64
        /// Offsets freed recently: candidates for double frees.
        var freed: [Int] = []
        /// Percent of steps that allocate; of the rest up to 96, three quarters free a live block and
        /// a quarter free something invalid; 4% defragment.
        var allocPercent: Int
        /// Percent of steps that first switch both to a random policy (0: the policy stays).
        var switchPercent = 0
        /// Percent of steps that place a block at a chosen offset instead (0: none, so the
        /// runs without placements draw exactly what they always drew).
        var placePercent = 0

        init(seed: UInt64, total: Int, allocPercent: Int = 50, policy: FitPolicy = .first) throws {
            random = SplitMix64(seed: seed)
            pool = try MemoryPool(totalSize: total, policy: policy)
            model = ReferenceModel(total: total, policy: policy)
            self.total = total
            self.seed = seed
            self.allocPercent = allocPercent
        }

        /// One random step, checked against the model.
        /// - Returns: whether pool and model still agree (a run stops at its first divergence,
        ///   so one bug reports once instead of at every later step).
        @discardableResult
        mutating func perform(step: Int, checkStateEvery: Int = 1) -> Bool {
            var switched = ""
            if switchPercent > 0, random.chance(switchPercent) {
                let policy = random.pick(FitPolicy.allCases)
                pool.policy = policy
                model.policy = policy
                switched = "policy = .\(policy), then "
            }
            let (name, actual, expected): (String, Outcome, Outcome)
            if placePercent > 0, random.chance(placePercent) {
                (name, actual, expected) = place()
            } else {
                (name, actual, expected) = mutate()
            }
            let note = "seed \(seed) total \(total) \(model.policy) fit step \(step): \(switched)\(name)"
            #expect(actual == expected, "\(note)")
            guard actual == expected else { return false }
            if step % checkStateEvery == 0 {
                return expectMatchesModel(pool, model, "\(note)")
            }
            return true
        }

        /// An allocation, a free (of a live block or something invalid) or a defragment.
        private mutating func mutate() -> (String, Outcome, Outcome) {
            let roll = random.below(100)
            let (name, actual, expected): (String, Outcome, Outcome)
            if roll < allocPercent {
                (name, actual, expected) = allocate()
            } else if roll < allocPercent + (96 - allocPercent) * 3 / 4 {
                (name, actual, expected) = freeLive()
            } else if roll < 96 {
                (name, actual, expected) = freeInvalid()
            } else {
                let actualMoves = pool.defragment()
                let expectedMoves = model.defragment()
                (name, actual, expected) = ("defragment", .moved(actualMoves), .moved(expectedMoves))
            }
            return (name, actual, expected)
        }

        /// A placement: mostly a range inside a free gap (at its start, its end or anywhere in
        /// it), sometimes one that overlaps a block, crosses the pool's end or is hostile.
        private mutating func place() -> (String, Outcome, Outcome) {
            let gaps = model.freeGaps
            var offset: Int
            var size: Int
            if !gaps.isEmpty, random.below(10) < 7 {
                let gap = random.pick(gaps)
                offset = gap.lowerBound + random.pick([0, random.below(gap.count), gap.count - 1])
                let room = gap.upperBound - offset
                size = random.pick([room, 1 + random.below(room), 1 + random.below(max(1, room / 8))])
                if random.chance(10) { size += 1 }  // one byte too many: into the next block
            } else if let block = model.blocks.isEmpty ? nil : random.pick(model.blocks) {
                offset = random.pick([block.start - 1, block.start, block.offset + 1, block.end - 1, block.end])
                size = random.pick([1, 2, block.size, total])
            } else {
                offset = random.pick([-1, 0, total - 1, total, Int.min, Int.max])
                size = random.pick([0, -1, 1, total, Int.max])
            }
            if random.chance(3) { size = random.pick([0, -1, Int.min, Int.max, Int.max - 1]) }
            let name = "place(\(size), at: \(offset))"
            return (
                name, release { try pool.place(size, at: offset) }, release { try model.place(size, at: offset) }
            )
        }

        private mutating func allocate() -> (String, Outcome, Outcome) {
            let size = drawSize()
            if random.chance(40) {
                let name = "alloc(\(size))"
                return (name, allocation { try pool.alloc(size) }, allocation { try model.alloc(size) })
            }
            let alignment = drawAlignment()
            let name = "allocAligned(\(size), alignment: \(alignment))"
            return (
                name, allocation { try pool.allocAligned(size, alignment: alignment) },
                allocation { try model.allocAligned(size, alignment: alignment) }
            )
        }

        private mutating func freeLive() -> (String, Outcome, Outcome) {
            guard !model.blocks.isEmpty else { return freeInvalid() }
            let offset = random.pick(model.blocks).offset
            freed.append(offset)
            if freed.count > 16 { freed.removeFirst() }
            return ("free(\(offset))", release { try pool.free(offset) }, release { try model.free(offset) })
        }

        /// Double frees, offsets inside blocks or padding, free space, outside the pool.
        private mutating func freeInvalid() -> (String, Outcome, Outcome) {
            var candidates = [-1, total, Int.max, Int.min, random.below(total)]
            if let old = freed.last { candidates.append(old) }
            if !freed.isEmpty { candidates.append(random.pick(freed)) }
            if let block = model.blocks.isEmpty ? nil : random.pick(model.blocks) {
                candidates += [block.start, block.offset + 1, block.end - 1, block.end, block.offset - 1]
            }
            let offset = random.pick(candidates)
            let name = "free(\(offset)) [invalid expected unless it is live]"
            return (name, release { try pool.free(offset) }, release { try model.free(offset) })
        }

        /// Mostly sizes that let a few to a few thousand blocks fit, sometimes hostile ones.
        private mutating func drawSize() -> Int {
            switch random.below(20) {
            case 0: return random.pick([0, -1, Int.min, Int.max, total, total + 1, total - 1])
            case 1, 2: return 1 + random.below(16)
            default:
                let divisor = random.pick([3, 10, 40, 200, 1000])
                return 1 + random.below(max(1, total / divisor))
            }
        }

        private mutating func drawAlignment() -> Int {
            switch random.below(20) {
            case 0: return random.pick([0, -1, Int.min])
            case 1: return random.pick([total, total + 1, total / 2 + 1, Int.max / 2, Int.max, 1 << 40])
            default: return random.pick([1, 2, 3, 4, 7, 8, 16, 48, 64, 100, 256, 512, 4096, 1 << 20])
            }
        }

        /// The outcome of an allocation.
        private func allocation(_ body: () throws -> Int?) -> Outcome {
            do {
                return .offset(try body())
            } catch let error as PoolError {
                return .failed(error)
            } catch {
                Issue.record("unexpected error type: \(error)")
                return .offset(nil)
            }
        }

        /// The outcome of a free.
        private func release(_ body: () throws -> Void) -> Outcome {
            do {
                try body()
                return .freed
            } catch let error as PoolError { return .failed(error) } catch {
                Issue.record("unexpected error type: \(error)")
                return .freed
            }
        }
    }

    static let poolSizes = [64, 100, 1000, 4096, 65_536, 1 << 20, 1 << 30, (5 << 30) + 7, 1 << 40]

    @Test("small runs over pools from 64 B to 1 TiB", arguments: [1 as UInt64, 2, 3, 4, 5, 6])
    func smallRuns(seed: UInt64) throws {
        for total in Self.poolSizes {
            var run = try Run(seed: seed &* 1_000_003 &+ UInt64(total), total: total)
            for step in 0..<250 { guard run.perform(step: step) else { break } }
        }
    }

    @Test("runs that fill the pool, then drain it", arguments: [21 as UInt64, 22, 23])
    func fillAndDrain(seed: UInt64) throws {
        for total in [64, 4096, 1 << 30] {
            var run = try Run(seed: seed &+ UInt64(total), total: total, allocPercent: 85)
            for step in 0..<200 { guard run.perform(step: step) else { return } }
            run.allocPercent = 15
            for step in 200..<400 { guard run.perform(step: step) else { return } }
        }
    }

    @Test("placements among the other operations, under every policy", arguments: [31 as UInt64, 32, 33, 34])
    func placements(seed: UInt64) throws {
        for total in Self.poolSizes {
            var run = try Run(seed: seed &* 1_000_003 &+ UInt64(total), total: total, allocPercent: 45)
            run.placePercent = 35
            run.switchPercent = 10
            for step in 0..<250 { guard run.perform(step: step) else { break } }
        }
    }

    @Test("placements that fill a pool with hundreds of blocks, splitting leaves")
    func manyPlacements() throws {
        let seed: UInt64 = 0x91ACE
        var run = try Run(seed: seed, total: 1 << 22, allocPercent: 40, policy: .best)
        run.placePercent = 60
        for step in 0..<3000 { guard run.perform(step: step, checkStateEvery: 4) else { return } }
        #expect(run.model.blocks.count > 150, "seed \(seed): the run should hold a few hundred blocks")
        expectMatchesModel(run.pool, run.model, "seed \(seed) at the end")
    }

    @Test("a longer run: thousands of operations, a few hundred live blocks")
    func longRun() throws {
        let seed: UInt64 = 0xC0FFEE
        var run = try Run(seed: seed, total: 1 << 22, allocPercent: 62)
        for step in 0..<4000 { guard run.perform(step: step, checkStateEvery: 4) else { return } }
        #expect(run.model.blocks.count > 150, "seed \(seed): the run should hold a few hundred blocks")
        expectMatchesModel(run.pool, run.model, "seed \(seed) at the end")
    }
}
