import PoolAllocator
import TestSupport
import Testing

@testable import PoolScript

@Suite("Value semantics")
struct ValueSemanticsTests {
    @Test("mutating a copy leaves the original unchanged, and the other way round")
    func copiesAreIndependent() throws {
        var (pool, offsets) = try makePool(total: 4096, sizes: [100, 200, 300])
        let original = PoolSnapshot(pool)

        var copy = pool
        _ = try copy.allocAligned(64, alignment: 256)
        try copy.free(offsets[0])
        _ = copy.defragment()
        #expect(PoolSnapshot(pool) == original)
        #expect(PoolSnapshot(copy) != original)

        let copied = PoolSnapshot(copy)
        try pool.free(offsets[1])
        _ = try pool.alloc(1000)
        #expect(PoolSnapshot(copy) == copied)
    }

    @Test("a history of snapshots of a large pool stays intact while the pool changes")
    func snapshotHistory() throws {
        var random = SplitMix64(seed: 7)
        var pool = try MemoryPool(totalSize: 1 << 24)
        var live: [Int] = []
        for _ in 0..<2500 { live.append(try #require(try pool.alloc(16 + random.below(64)))) }

        var history: [(pool: MemoryPool, snapshot: PoolSnapshot)] = []
        for step in 0..<60 {
            history.append((pool, PoolSnapshot(pool)))
            if random.chance(50), !live.isEmpty {
                try pool.free(live.remove(at: random.below(live.count)))
            } else if random.chance(90) {
                if let offset = try pool.allocAligned(1 + random.below(500), alignment: random.pick([1, 48, 256])) {
                    live.append(offset)
                }
            } else {
                let mapping = pool.defragment()
                live = try live.map { try #require(mapping[$0], "defragment left out a live block") }
            }
            if step % 10 == 0 {
                #expect(PoolSnapshot(history[step].pool) == history[step].snapshot, "step \(step)")
            }
        }
        for (step, entry) in history.enumerated() {
            #expect(PoolSnapshot(entry.pool) == entry.snapshot, "history entry \(step) changed")
        }
        // Going back and taking another branch does not disturb the newer states.
        let latest = PoolSnapshot(pool)
        var branch = history[10].pool
        _ = try branch.alloc(12345)
        #expect(PoolSnapshot(history[10].pool) == history[10].snapshot)
        #expect(PoolSnapshot(pool) == latest)
    }

    @Test("snapshots stay intact while the pool that moves on splits and joins its inner nodes")
    func snapshotsAcrossSplitsAndJoins() throws {
        // Growing by 16-byte blocks (a free now and then) fills and splits inner nodes that
        // earlier snapshots share; draining in random order joins them. A node split off a
        // copied node, or one taking in a copied node's children, holds children a snapshot
        // still holds: a later change below it must copy them first.
        let seed: UInt64 = 11
        var random = SplitMix64(seed: seed)
        var pool = try MemoryPool(totalSize: 1 << 24)
        var live: [Int] = []
        var history: [(pool: MemoryPool, snapshot: PoolSnapshot)] = []
        for step in 0..<9000 {
            if step % 64 == 0 { history.append((pool, PoolSnapshot(pool))) }
            if step % 4 == 3 {
                try pool.free(live.remove(at: random.below(live.count)))
            } else {
                live.append(try #require(try pool.alloc(16)))
            }
        }
        while !live.isEmpty {
            if live.count % 64 == 0 { history.append((pool, PoolSnapshot(pool))) }
            try pool.free(live.remove(at: random.below(live.count)))
        }
        for (k, entry) in history.enumerated() {
            #expect(PoolSnapshot(entry.pool) == entry.snapshot, "seed \(seed): snapshot \(k) changed")
        }
    }
}
