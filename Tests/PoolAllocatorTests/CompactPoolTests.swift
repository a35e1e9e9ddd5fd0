import Testing

@testable import PoolAllocator

/// A pool flattened into `MemoryPool.Compact` and built again is the same pool: the same
/// regions, figures, policy and rover, and it places every later block where the original does.
@Suite struct CompactPoolTests {
    /// A pool of several tree levels under `policy`, churned so that free entries lie between
    /// used ones, aligned blocks among them.
    static func churnedPool(policy: FitPolicy) throws -> MemoryPool {
        var pool = try MemoryPool(totalSize: 8 << 20, policy: policy)
        var random = Generator(seed: 3)
        var live: [Int] = []
        for step in 0..<12_000 {
            if step % 3 == 2, !live.isEmpty {
                live.swapAt(random.next(live.count), live.count - 1)
                try pool.free(live.removeLast())
            } else if let offset =
                step % 7 == 0
                ? try pool.allocAligned(1 + random.next(600), alignment: 256)
                : try pool.alloc(1 + random.next(900))
            {
                live.append(offset)
            }
        }
        return pool
    }

    @Test("a pool comes back the same from its compact form, under every policy", arguments: FitPolicy.allCases)
    func roundTrip(policy: FitPolicy) throws {
        var original = try Self.churnedPool(policy: policy)
        let compact = original.compact
        var restored = MemoryPool(compact)
        restored.verifyInvariants()
        #expect(PoolSnapshot(restored) == PoolSnapshot(original))
        var tally = StorageTally()
        compact.countStorage(in: &tally)
        #expect(tally.bytes < original.bookkeepingBytes / 4)
        // Both go on alike: the same offsets for the same requests and frees.
        var random = Generator(seed: 11)
        var live = original.blocks.map(\.offset)
        for step in 0..<2_000 {
            if step % 2 == 1, !live.isEmpty {
                let offset = live.remove(at: random.next(live.count))
                try original.free(offset)
                try restored.free(offset)
            } else {
                let size = 1 + random.next(3_000)
                let placed = try original.alloc(size)
                #expect(try restored.alloc(size) == placed)
                if let placed { live.append(placed) }
            }
        }
        restored.verifyInvariants()
        #expect(PoolSnapshot(restored) == PoolSnapshot(original))
    }

    @Test("a pool beyond 32 bits comes back the same")
    func widePool() throws {
        var pool = try MemoryPool(totalSize: 1 << 40)
        _ = try pool.alloc(3 << 32)
        let middle = try #require(try pool.alloc(100))
        _ = try pool.alloc(1 << 33)
        try pool.free(middle)
        #expect(PoolSnapshot(MemoryPool(pool.compact)) == PoolSnapshot(pool))
    }

    @Test("an empty pool and a full one come back the same")
    func edges() throws {
        let empty = try MemoryPool(totalSize: 4096, policy: .best)
        #expect(PoolSnapshot(MemoryPool(empty.compact)) == PoolSnapshot(empty))
        var full = try MemoryPool(totalSize: 4096)
        _ = try full.alloc(4096)
        #expect(PoolSnapshot(MemoryPool(full.compact)) == PoolSnapshot(full))
    }

    /// A small linear congruential generator: the same draws on every run.
    struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }
}
