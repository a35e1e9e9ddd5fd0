import PoolAllocator
import TestSupport
import Testing

@testable import PoolScript

@Suite("Defragment")
struct DefragmentTests {
    @Test("alignment is kept: each block lands at the lowest multiple of its alignment")
    func alignmentKept() throws {
        var pool = try MemoryPool(totalSize: 4096)
        #expect(try pool.alloc(100) == 0)
        #expect(try pool.allocAligned(64, alignment: 256) == 256)  // padding 100..<256
        #expect(try pool.alloc(50) == 320)
        #expect(try pool.allocAligned(10, alignment: 48) == 384)  // padding 370..<384
        try pool.free(0)

        let mapping = pool.defragment()
        // 256 -> 0 (padding recomputed to 0), 320 -> 64, 384 -> 144 (lowest multiple of 48 >= 114).
        #expect(mapping == [256: 0, 320: 64, 384: 144])
        #expect(
            pool.regions == [
                .used(0, 64), .used(64, 114), .padding(114, 144), .used(144, 154),
                .free(154, 4096),
            ])
        #expect(
            pool.blocks == [
                Block(offset: 0, size: 64, alignment: 256, padding: 0),
                Block(offset: 64, size: 50, alignment: 1, padding: 0),
                Block(offset: 144, size: 10, alignment: 48, padding: 30),
            ])
        #expect(pool.stats.used == 154)
        #expect(pool.stats.padding == 30)
    }

    @Test("the mapping holds every live block, old == new for blocks that stay")
    func completeMapping() throws {
        var (pool, offsets) = try makePool(total: 1024, sizes: [100, 100, 100, 100])
        try pool.free(offsets[1])
        let mapping = pool.defragment()
        #expect(mapping == [0: 0, 200: 100, 300: 200])
        #expect(pool.regions == [.used(0, 100), .used(100, 200), .used(200, 300), .free(300, 1024)])
    }

    @Test("a block whose alignment keeps it in place maps to itself")
    func alignedBlockStays() throws {
        var pool = try MemoryPool(totalSize: 1024)
        _ = try pool.alloc(10)
        #expect(try pool.allocAligned(10, alignment: 256) == 256)
        var before = PoolSnapshot(pool)
        #expect(pool.defragment() == [0: 0, 256: 256])
        before.rover = 0  // defragment puts the rover back at 0, and changes nothing else here
        #expect(PoolSnapshot(pool) == before)
    }

    @Test("used grows when a free gap before an aligned block becomes its padding")
    func usedGrows() throws {
        var pool = try MemoryPool(totalSize: 1024)
        #expect(try pool.alloc(10) == 0)
        #expect(try pool.alloc(200) == 10)
        #expect(try pool.allocAligned(10, alignment: 256) == 256)  // padding 210..<256
        try pool.free(10)
        #expect(pool.stats.used == 66)
        #expect(
            pool.regions == [
                .used(0, 10), .free(10, 210), .padding(210, 256), .used(256, 266),
                .free(266, 1024),
            ])

        let mapping = pool.defragment()
        #expect(mapping == [0: 0, 256: 256])
        #expect(pool.regions == [.used(0, 10), .padding(10, 256), .used(256, 266), .free(266, 1024)])
        #expect(
            pool.stats
                == PoolStats(
                    total: 1024, used: 266, free: 758, blockCount: 2, fragmentation: 0,
                    padding: 246, largestFree: 758, freeBlockCount: 1))
    }

    @Test("empty and full pools are left as they are")
    func emptyAndFull() throws {
        var empty = try MemoryPool(totalSize: 4096)
        #expect(empty.defragment() == [:])
        #expect(empty.regions == [.free(0, 4096)])

        var (full, _) = try makePool(total: 300, sizes: [100, 100, 100])
        #expect(full.defragment() == [0: 0, 100: 100, 200: 200])
        #expect(full.regions == [.used(0, 100), .used(100, 200), .used(200, 300)])
        #expect(full.stats.free == 0)
    }

    @Test(
        "on random pools: no block moves up, order and sizes kept, one free block at the end",
        arguments: [101 as UInt64, 102, 103, 104, 105])
    func randomRules(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let total = random.pick([512, 4096, 100_000, 1 << 30])
        var pool = try MemoryPool(totalSize: total)
        for _ in 0..<200 {
            if random.chance(65) || pool.blocks.isEmpty {
                let size = 1 + random.below(max(1, total / 40))
                _ = try pool.allocAligned(size, alignment: random.pick([1, 1, 3, 16, 48, 100, 256, 4096]))
            } else {
                try pool.free(random.pick(pool.blocks).offset)
            }
        }
        let old = pool.blocks
        let mapping = pool.defragment()
        let new = pool.blocks
        let note = "seed \(seed)"

        #expect(Set(mapping.keys) == Set(old.map(\.offset)), "\(note)")
        #expect(new.count == old.count, "\(note)")
        var cursor = 0
        for (before, after) in zip(old, new) {
            #expect(mapping[before.offset] == after.offset, "\(note)")
            #expect(after.offset <= before.offset, "moved up: \(before) -> \(after), \(note)")
            #expect(after.size == before.size && after.alignment == before.alignment, "\(note)")
            #expect(after.start == cursor, "not packed against its predecessor, \(note)")
            #expect(after.offset % after.alignment == 0, "\(note)")
            #expect(after.padding < after.alignment, "not the lowest multiple, \(note)")
            cursor = after.end
        }
        let stats = pool.stats
        #expect(stats.freeBlockCount == (cursor < total ? 1 : 0), "\(note)")
        #expect(stats.largestFree == total - cursor, "\(note)")
        #expect(stats.fragmentation == 0, "\(note)")
        if cursor < total { #expect(pool.regions.last == .free(cursor, total), "\(note)") }
        // A second defragment changes nothing and maps every block to itself.
        let settled = PoolSnapshot(pool)
        #expect(pool.defragment() == Dictionary(uniqueKeysWithValues: new.map { ($0.offset, $0.offset) }), "\(note)")
        #expect(PoolSnapshot(pool) == settled, "\(note)")
    }
}
