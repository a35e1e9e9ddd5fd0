import PoolAllocator
import PoolScript
import TestSupport
import Testing

@testable import PoolScript

/// Seeded random runs of every policy against `ReferenceModel` (which checks the rover too):
/// plain, aligned and hostile requests, frees, invalid frees, defragment, snapshots mutated
/// independently, switching policy mid-run, and pools large enough for a multi-level tree.
/// A failure names the seed, the policy and the step.
@Suite("Fit policies against the reference model")
struct FitPolicyModelTests {
    typealias Run = RandomizedModelTests.Run

    static let policies = FitPolicy.allCases

    @Test("small runs over pools from 64 B to 1 TiB", arguments: policies)
    func smallRuns(policy: FitPolicy) throws {
        for seed: UInt64 in [101, 102, 103] {
            for total in RandomizedModelTests.poolSizes {
                var run = try Run(seed: seed &* 1_000_003 &+ UInt64(total), total: total, policy: policy)
                for step in 0..<250 { guard run.perform(step: step) else { break } }
            }
        }
    }

    @Test("runs that fill the pool, then drain it", arguments: policies)
    func fillAndDrain(policy: FitPolicy) throws {
        for seed: UInt64 in [121, 122] {
            for total in [64, 4096, 1 << 30] {
                var run = try Run(seed: seed &+ UInt64(total), total: total, allocPercent: 85, policy: policy)
                for step in 0..<200 { guard run.perform(step: step) else { return } }
                run.allocPercent = 15
                for step in 200..<400 { guard run.perform(step: step) else { return } }
            }
        }
    }

    @Test("switching policy mid-run", arguments: [141 as UInt64, 142, 143])
    func switching(seed: UInt64) throws {
        for total in [1000, 65_536, 1 << 30] {
            var run = try Run(seed: seed &+ UInt64(total), total: total, allocPercent: 60)
            run.switchPercent = 10
            for step in 0..<400 { guard run.perform(step: step) else { return } }
        }
    }

    @Test("snapshots mutated independently stay exact", arguments: policies)
    func snapshots(policy: FitPolicy) throws {
        let seed: UInt64 = 161
        var run = try Run(seed: seed, total: 1 << 20, allocPercent: 60, policy: policy)
        var saved: [Run] = []
        for step in 0..<600 {
            guard run.perform(step: step, checkStateEvery: 10) else { return }
            if step % 100 == 50 { saved.append(run) }
        }
        // Each snapshot takes its own way (its generator was saved with it, so reseed it),
        // switching policy too; the live pool and the other snapshots must not notice.
        let live = PoolSnapshot(run.pool)
        for (k, var branch) in saved.enumerated() {
            let before = saved.map { PoolSnapshot($0.pool) }
            branch.random = SplitMix64(seed: seed &+ 1000 &+ UInt64(k))
            branch.switchPercent = 5
            for step in 1000..<1300 { guard branch.perform(step: step, checkStateEvery: 10) else { return } }
            expectMatchesModel(branch.pool, branch.model, "seed \(seed) \(policy) snapshot \(k) after its branch")
            #expect(saved.map { PoolSnapshot($0.pool) } == before, "seed \(seed) \(policy): snapshot \(k)")
        }
        #expect(PoolSnapshot(run.pool) == live, "seed \(seed) \(policy): the live pool changed")
        expectMatchesModel(run.pool, run.model, "seed \(seed) \(policy) at the end")
    }

    @Test("a longer run: thousands of operations, a few hundred live blocks", arguments: policies)
    func longRun(policy: FitPolicy) throws {
        let seed: UInt64 = 0xC0FFEE
        var run = try Run(seed: seed, total: 1 << 22, allocPercent: 62, policy: policy)
        for step in 0..<3000 { guard run.perform(step: step, checkStateEvery: 8) else { return } }
        expectMatchesModel(run.pool, run.model, "seed \(seed) \(policy) at the end")
    }

    /// 3000 blocks of varied sizes, every other one freed: 1500 holes among 3000 entries, a tree
    /// of three levels. Built once (seed 181); every policy's run starts from a snapshot of it.
    static let holes: MemoryPool = {
        var random = SplitMix64(seed: 181)
        var pool = try! MemoryPool(totalSize: 1 << 24)
        var offsets: [Int] = []
        for _ in 0..<3000 { offsets.append(try! pool.alloc(1 + random.below(256))!) }
        for k in stride(from: 0, to: offsets.count, by: 2) { try! pool.free(offsets[k]) }
        return pool
    }()

    @Test("thousands of blocks: a multi-level tree under each policy", arguments: policies)
    func multiLevelTree(policy: FitPolicy) throws {
        // From the shared pool of holes: requests that only some holes take, aligned ones too,
        // frees, one defragment and more churn, each offset against the model.
        let seed: UInt64 = 182
        var random = SplitMix64(seed: seed)
        var pool = Self.holes
        let total = pool.totalSize
        pool.policy = policy
        var model = ReferenceModel(
            total: total, blocks: pool.blocks, policy: policy, rover: pool.rover, figures: pool.figures)
        expectMatchesModel(pool, model, "seed \(seed) \(policy) before requests")
        for step in 0..<500 {
            let note = "seed \(seed) \(policy) step \(step)"
            if step == 250 {
                #expect(pool.defragment() == model.defragment(), "\(note): defragment")
                continue
            }
            if random.chance(35), let block = model.blocks.isEmpty ? nil : random.pick(model.blocks) {
                try pool.free(block.offset)
                try model.free(block.offset)
            } else {
                let size = 1 + random.below(random.chance(90) ? 300 : 5000)
                let alignment = random.pick([1, 1, 1, 8, 48, 100, 256, 512, 4096])
                let offset = try pool.allocAligned(size, alignment: alignment)
                let expected = try model.allocAligned(size, alignment: alignment)
                #expect(offset == expected, "\(note): allocAligned(\(size), alignment: \(alignment))")
                guard offset == expected else { return }
            }
            if step % 100 == 0 { expectMatchesModel(pool, model, "\(note)") }
        }
        expectMatchesModel(pool, model, "seed \(seed) \(policy) after requests")
    }

    @Test("GPU-style churn over thousands of blocks under each policy", arguments: policies)
    func gpuStyleChurn(policy: FitPolicy) throws {
        let seed: UInt64 = 191
        var random = SplitMix64(seed: seed)
        let total = 1 << 24
        var pool = try MemoryPool(totalSize: total, policy: policy)
        var model = ReferenceModel(total: total, policy: policy)
        var live: [Int] = []
        func allocate(_ note: String) throws -> Bool {
            let size = 16 * (1 + random.below(256))
            let alignment = random.chance(25) ? random.pick([256, 256, 512, 4096, 48, 1]) : 1
            let offset = try pool.allocAligned(size, alignment: alignment)
            let expected = try model.allocAligned(size, alignment: alignment)
            #expect(
                offset == expected, "seed \(seed) \(policy) \(note): allocAligned(\(size), alignment: \(alignment))")
            if let offset { live.append(offset) }
            return offset == expected
        }
        for k in 0..<1000 { guard try allocate("fill #\(k)") else { return } }
        for step in 0..<1500 {
            if random.chance(50), !live.isEmpty {
                let i = random.below(live.count)
                try pool.free(live[i])
                try model.free(live[i])
                live[i] = live[live.count - 1]
                live.removeLast()
            } else {
                guard try allocate("step \(step)") else { return }
            }
            if step % 500 == 0 { expectMatchesModel(pool, model, "seed \(seed) \(policy) step \(step)") }
        }
        expectMatchesModel(pool, model, "seed \(seed) \(policy) after churn")
    }
}
