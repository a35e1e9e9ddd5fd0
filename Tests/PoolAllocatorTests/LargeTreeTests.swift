import PoolAllocator
import TestSupport
import Testing

@testable import PoolScript

/// Pools with thousands of entries, so the allocator's B+-tree (a few dozen entries per node) has
/// several levels: splits, merges and free runs that cross leaf and inner-node boundaries.
///
/// Thousands of 16-byte blocks tile the pool, so the expected state is a row of slots that is
/// cheap to track exactly; the reference model is brought in where slots are not enough.
@Suite("Large pools (multi-level tree)")
struct LargeTreeTests {
    static let slot = 16

    /// Live/free state of equal 16-byte slots followed by a free tail, with the free-run count
    /// kept up to date in O(1) per change.
    struct Slots {
        var live: [Bool]
        let tailBytes: Int
        var freeRuns: Int
        var liveCount: Int

        init(count: Int, tailBytes: Int) {
            live = Array(repeating: true, count: count)
            self.tailBytes = tailBytes
            freeRuns = tailBytes > 0 ? 1 : 0
            liveCount = count
        }

        private func isFree(_ i: Int) -> Bool {
            if i < 0 { return false }
            if i >= live.count { return tailBytes > 0 }
            return !live[i]
        }

        mutating func free(_ i: Int) {
            freeRuns += 1 - (isFree(i - 1) ? 1 : 0) - (isFree(i + 1) ? 1 : 0)
            live[i] = false
            liveCount -= 1
        }

        mutating func take(_ i: Int) {
            freeRuns += (isFree(i - 1) ? 1 : 0) + (isFree(i + 1) ? 1 : 0) - 1
            live[i] = true
            liveCount += 1
        }

        var regions: [Region] {
            var regions: [Region] = []
            var freeStart: Int?
            for i in live.indices {
                if live[i] {
                    if let start = freeStart {
                        regions.append(.free(start, i * slot))
                        freeStart = nil
                    }
                    regions.append(.used(i * slot, (i + 1) * slot))
                } else if freeStart == nil {
                    freeStart = i * slot
                }
            }
            let end = live.count * slot + tailBytes
            if let start = freeStart ?? (tailBytes > 0 ? live.count * slot : nil) {
                regions.append(.free(start, end))
            }
            return regions
        }
    }

    // 6000 entries: three levels even with full leaves (32 entries) and inner nodes (128 children).
    // Every mutation runs an O(n) invariant walk in debug builds, so the cost grows as n².
    @Test("6000 blocks of 16 B: fill, random frees, first fit into the holes, aligned requests, defragment, drain")
    func thousandsOfSlots() throws {
        let seed: UInt64 = 0x5EED_0001
        var random = SplitMix64(seed: seed)
        let count = 6000, tailBytes = 37 * Self.slot
        let total = count * Self.slot + tailBytes
        var pool = try MemoryPool(totalSize: total)
        var slots = Slots(count: count, tailBytes: tailBytes)

        // Fill: first fit hands out the slots in order.
        for i in 0..<count {
            let offset = try pool.alloc(Self.slot)
            guard offset == i * Self.slot else {
                Issue.record("seed \(seed) fill \(i): got \(String(describing: offset))")
                return
            }
        }
        #expect(pool.regions == slots.regions)
        #expect(
            pool.stats
                == PoolStats(
                    total: total, used: count * Self.slot, free: tailBytes, blockCount: count,
                    fragmentation: 0, padding: 0, largestFree: tailBytes, freeBlockCount: 1))

        // Free half the slots in random order; the free-run count is checked after every free.
        var order = Array(0..<count)
        order.shuffle(using: &random)
        for (k, i) in order.prefix(3000).enumerated() {
            try pool.free(i * Self.slot)
            slots.free(i)
            let stats = pool.stats
            guard stats.freeBlockCount == slots.freeRuns, stats.blockCount == slots.liveCount else {
                Issue.record("seed \(seed) free #\(k) of slot \(i): \(stats), expected \(slots.freeRuns) free runs")
                return
            }
            if k % 1000 == 0 { #expect(pool.regions == slots.regions, "seed \(seed) free #\(k)") }
        }
        #expect(pool.regions == slots.regions, "seed \(seed) after random frees")
        let largestRun = pool.regions.filter { $0.kind == .free }.map(\.size).max()
        #expect(pool.stats.largestFree == largestRun, "seed \(seed)")

        // First fit: each 16-byte request takes the lowest free slot.
        var lowest = 0
        for k in 0..<1000 {
            while slots.live[lowest] { lowest += 1 }
            let offset = try pool.alloc(Self.slot)
            guard offset == lowest * Self.slot else {
                Issue.record(
                    "seed \(seed) refill #\(k): got \(String(describing: offset)), expected \(lowest * Self.slot)")
                return
            }
            slots.take(lowest)
            #expect(pool.stats.freeBlockCount == slots.freeRuns, "seed \(seed) refill #\(k)")
        }
        #expect(pool.regions == slots.regions, "seed \(seed) after refill")

        // Aligned and odd-sized requests and frees across the whole tree, against the model.
        var model = ReferenceModel(total: total, blocks: pool.blocks, rover: pool.rover, figures: pool.figures)
        for step in 0..<150 {
            let note = "seed \(seed) mixed step \(step)"
            if random.chance(60) {
                let size = 1 + random.below(48)
                let alignment = random.pick([3, 32, 48, 100, 256, 4096, 1 << 16])
                let offset = try pool.allocAligned(size, alignment: alignment)
                #expect(
                    offset == (try model.allocAligned(size, alignment: alignment)),
                    "\(note): allocAligned(\(size), alignment: \(alignment))")
            } else {
                let offset = random.pick(model.blocks).offset
                try pool.free(offset)
                try model.free(offset)
            }
            if step % 50 == 0 { expectMatchesModel(pool, model, "\(note)") }
        }
        expectMatchesModel(pool, model, "seed \(seed) after mixed steps")

        // Defragment the large pool.
        #expect(pool.defragment() == model.defragment(), "seed \(seed) defragment mapping")
        expectMatchesModel(pool, model, "seed \(seed) after defragment")

        // Drain in random order, checking the counts as blocks go.
        var offsets = model.blocks.map(\.offset)
        offsets.shuffle(using: &random)
        for (k, offset) in offsets.enumerated() {
            try pool.free(offset)
            if k % 997 == 0 {
                #expect(pool.stats.blockCount == offsets.count - k - 1, "seed \(seed) drain #\(k)")
            }
        }
        #expect(pool.regions == [.free(0, total)], "seed \(seed) drained")
        // The tree gives its nodes back as it empties: a drained pool costs what a new one does
        // (give or take a node).
        let fresh = try MemoryPool(totalSize: total)
        #expect(
            pool.bookkeepingBytes <= 2 * fresh.bookkeepingBytes,
            "seed \(seed): \(pool.bookkeepingBytes) B of bookkeeping after draining, \(fresh.bookkeepingBytes) B new")
        #expect(
            pool.stats
                == PoolStats(
                    total: total, used: 0, free: total, blockCount: 0, fragmentation: 0,
                    padding: 0, largestFree: total, freeBlockCount: 1))
    }

    @Test(
        "GPU-style churn (sizes 16 B to 4 KiB, alignments 256 and up) over thousands of blocks",
        arguments: [51 as UInt64, 52, 53])
    func gpuStyleChurn(seed: UInt64) throws {
        // The benchmark's kind of traffic on a multi-level tree: every offset, and the pool
        // at checkpoints, against the model. Aligned requests use multiples of 256, for which
        // searches skip leaves by their room bound, and others, for which they do not.
        var random = SplitMix64(seed: seed)
        let total = 1 << 24
        var pool = try MemoryPool(totalSize: total)
        var model = ReferenceModel(total: total)
        var live: [Int] = []
        func allocate(_ note: String) throws {
            let size = 16 * (1 + random.below(256))
            let alignment = random.chance(25) ? random.pick([256, 256, 512, 4096, 48, 1]) : 1
            let offset = try pool.allocAligned(size, alignment: alignment)
            let expected = try model.allocAligned(size, alignment: alignment)
            #expect(offset == expected, "seed \(seed) \(note): allocAligned(\(size), alignment: \(alignment))")
            if let offset { live.append(offset) }
        }
        for k in 0..<2000 { try allocate("fill #\(k)") }
        for step in 0..<6000 {
            if random.chance(50), !live.isEmpty {
                let i = random.below(live.count)
                try pool.free(live[i])
                try model.free(live[i])
                live[i] = live[live.count - 1]
                live.removeLast()
            } else {
                try allocate("step \(step)")
            }
            if step % 1500 == 0 { expectMatchesModel(pool, model, "seed \(seed) step \(step)") }
        }
        expectMatchesModel(pool, model, "seed \(seed) after churn")
    }

    @Test("first fit descends to the lowest fitting hole among thousands", arguments: [31 as UInt64, 32])
    func lowestHoleAmongThousands(seed: UInt64) throws {
        // 3000 blocks of varied sizes; free every other one so there are 1500 holes of
        // random sizes among 3000 entries, then ask for sizes that only some holes can take.
        var random = SplitMix64(seed: seed)
        var pool = try MemoryPool(totalSize: 1 << 24)
        var offsets: [Int] = []
        for _ in 0..<3000 { offsets.append(try #require(try pool.alloc(1 + random.below(256)))) }
        for k in stride(from: 0, to: offsets.count, by: 2) { try pool.free(offsets[k]) }
        var model = ReferenceModel(total: 1 << 24, blocks: pool.blocks, rover: pool.rover, figures: pool.figures)
        expectMatchesModel(pool, model, "seed \(seed) before requests")
        for step in 0..<100 {
            let size = 1 + random.below(300)
            let alignment = random.pick([1, 1, 8, 48, 100])
            let offset = try pool.allocAligned(size, alignment: alignment)
            #expect(
                offset == (try model.allocAligned(size, alignment: alignment)),
                "seed \(seed) step \(step): allocAligned(\(size), alignment: \(alignment))")
        }
        expectMatchesModel(pool, model, "seed \(seed) after requests")
    }
}
