import PoolAllocator
import Testing

@testable import PoolScript

@Suite struct RandomWorkloadTests {
    @Test func splitMixMatchesTheReferenceSequence() {
        // First outputs of SplitMix64 seeded with 0 (Vigna's reference implementation).
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func uniformDrawsStayInTheirRange() {
        var generator = SplitMix64(seed: 42)
        for bound in [1, 2, 3, 7, 1000, 1 << 40] as [UInt64] {
            for _ in 0..<200 { #expect(generator.uniform(below: bound) < bound) }
        }
        for range in [0...0, -5...5, 3...4, Int.min...Int.max, (Int.max - 1)...Int.max] {
            for _ in 0..<200 { #expect(range.contains(generator.uniform(in: range))) }
        }
    }

    /// Applies `count` drawn operations to `pool`, returning them.
    func drive(_ pool: inout MemoryPool, seed: UInt64, count: Int) throws -> [RandomOperation] {
        var workload = RandomWorkload(seed: seed)
        var drawn: [RandomOperation] = []
        for _ in 0..<count {
            let operation = workload.next(for: pool)
            drawn.append(operation)
            switch operation {
            case .free(let offset):
                #expect(pool.block(at: offset) != nil, "seed \(seed): freeing a block that is not live")
                try pool.free(offset)
            case .alloc(let size, let alignment):
                #expect(size >= 1 && size <= max(1, pool.totalSize / 8), "seed \(seed)")
                #expect([1, 8, 16, 32, 64, 128, 256].contains(alignment), "seed \(seed)")
                _ = try pool.allocAligned(size, alignment: alignment)
            }
        }
        return drawn
    }

    @Test func theSameSeedGivesTheSameOperations() throws {
        var first = try MemoryPool(totalSize: 64 * 1024)
        var second = try MemoryPool(totalSize: 64 * 1024)
        let a = try drive(&first, seed: 7, count: 400)
        let b = try drive(&second, seed: 7, count: 400)
        #expect(a == b)
        #expect(first.regions == second.regions)
        var third = try MemoryPool(totalSize: 64 * 1024)
        #expect(try drive(&third, seed: 8, count: 400) != a)
    }

    @Test func itBothAllocatesAndFreesAndFragments() throws {
        var pool = try MemoryPool(totalSize: 64 * 1024)
        let drawn = try drive(&pool, seed: 1, count: 300)
        let frees = drawn.filter { if case .free = $0 { true } else { false } }.count
        #expect(frees > 50 && frees < 200)
        #expect(drawn.contains { if case .alloc(_, let a) = $0 { a > 1 } else { false } })
        #expect(pool.stats.freeBlockCount > 1)
    }

    @Test(arguments: [1, 2, 3, 7, 8, 9, 100, 1 << 20])
    func tinyAndOddPoolsNeverTrap(size: Int) throws {
        for seed: UInt64 in 0..<20 {
            var pool = try MemoryPool(totalSize: size)
            _ = try drive(&pool, seed: seed, count: 60)
        }
    }

    @Test func freesPickEveryLiveBlockByOrdinal() throws {
        var pool = try MemoryPool(totalSize: 4096)
        for size in [10, 1, 300, 7, 64] { _ = try pool.alloc(size) }
        _ = try pool.allocAligned(5, alignment: 512)
        try pool.free(pool.blocks[1].offset)
        let blocks = pool.blocks
        for (ordinal, block) in blocks.enumerated() {
            #expect(RandomWorkload.block(ordinal: ordinal, in: pool) == block)
        }
        #expect(RandomWorkload.block(ordinal: blocks.count, in: pool) == nil)
    }

    @Test func aFullPoolIsHandled() throws {
        var pool = try MemoryPool(totalSize: 16)
        _ = try pool.alloc(16)
        #expect(RandomWorkload.block(ordinal: 0, in: pool)?.offset == 0)
        _ = try drive(&pool, seed: 3, count: 50)
    }
}
