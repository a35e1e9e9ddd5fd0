import PoolAllocator
import TestSupport
import Testing

@testable import PoolScript

@Suite("Aligned allocation and padding")
struct AlignedAllocationTests {
    @Test("the issue's example: padding is owned by the block and counts in used")
    func issueExample() throws {
        var pool = try MemoryPool(totalSize: 1024)
        #expect(try pool.alloc(100) == 0)
        #expect(try pool.allocAligned(200, alignment: 256) == 256)
        #expect(pool.regions == [.used(0, 100), .padding(100, 256), .used(256, 456), .free(456, 1024)])
        #expect(pool.stats.used == 456)
        #expect(pool.stats.padding == 156)
        #expect(pool.stats.free == 568)
        #expect(pool.stats.blockCount == 2)
        #expect(
            pool.blocks == [
                Block(offset: 0, size: 100, alignment: 1, padding: 0),
                Block(offset: 256, size: 200, alignment: 256, padding: 156),
            ])
    }

    @Test("freeing an aligned block returns its padding to free space")
    func freeReturnsPadding() throws {
        var pool = try MemoryPool(totalSize: 1024)
        _ = try pool.alloc(100)
        let b = try #require(try pool.allocAligned(200, alignment: 256))
        try pool.free(b)
        #expect(pool.regions == [.used(0, 100), .free(100, 1024)])
        #expect(pool.stats.used == 100)
        #expect(pool.stats.padding == 0)
        #expect(pool.stats.freeBlockCount == 1)
    }

    @Test("an aligned request skips a free block too short once aligned")
    func skipsMisalignedBlock() throws {
        // Free 10..<300 (290 bytes) is long enough for 200 but holds no multiple of 256 with
        // 200 bytes after it; the next fit is 512.
        var (pool, offsets) = try makePool(total: 1024, sizes: [10, 290, 212])
        try pool.free(offsets[1])
        #expect(try pool.allocAligned(200, alignment: 256) == 512)
        #expect(
            pool.regions == [
                .used(0, 10), .free(10, 300), .used(300, 512), .used(512, 712),
                .free(712, 1024),
            ])
        // A smaller request fits in the first free block at 256.
        #expect(try pool.allocAligned(44, alignment: 256) == 256)
        #expect(
            pool.regions == [
                .used(0, 10), .padding(10, 256), .used(256, 300), .used(300, 512),
                .used(512, 712), .free(712, 1024),
            ])
        #expect(pool.stats.freeBlockCount == 1)
    }

    @Test("no padding region when the free block already starts aligned")
    func noEmptyPadding() throws {
        var pool = try MemoryPool(totalSize: 1024)
        _ = try pool.alloc(256)
        #expect(try pool.allocAligned(64, alignment: 256) == 256)
        #expect(pool.regions == [.used(0, 256), .used(256, 320), .free(320, 1024)])
        #expect(pool.stats.padding == 0)
        #expect(pool.blocks.last == Block(offset: 256, size: 64, alignment: 256, padding: 0))
    }

    @Test("the remainder after an aligned block stays free", arguments: [3, 48, 100])
    func oddAlignments(alignment: Int) throws {
        var pool = try MemoryPool(totalSize: 1000)
        _ = try pool.alloc(1)
        let offset = try #require(try pool.allocAligned(10, alignment: alignment))
        #expect(offset == alignment)
        #expect(
            pool.regions == [
                .used(0, 1), .padding(1, alignment), .used(alignment, alignment + 10),
                .free(alignment + 10, 1000),
            ])
        // The next multiple of the alignment at or above the first block's end.
        let expected = (alignment + 10 + alignment - 1) / alignment * alignment
        #expect(try pool.allocAligned(10, alignment: alignment) == expected)
    }

    @Test("an aligned block can fill its free block exactly")
    func exactFit() throws {
        var pool = try MemoryPool(totalSize: 512)
        _ = try pool.alloc(1)
        #expect(try pool.allocAligned(256, alignment: 256) == 256)
        #expect(pool.regions == [.used(0, 1), .padding(1, 256), .used(256, 512)])
        #expect(pool.stats.free == 0)
        #expect(pool.stats.largestFree == 0)
        #expect(pool.stats.freeBlockCount == 0)
    }

    @Test("a long-enough but misaligned block is nil until a free neighbour merges into it")
    func fitsAfterMerge() throws {
        var (pool, offsets) = try makePool(total: 4096, sizes: [1, 300, 3795])
        try pool.free(offsets[1])  // free 1..<301: from 256 only 45 bytes
        #expect(try pool.allocAligned(100, alignment: 256) == nil)
        #expect(try pool.alloc(100) == 1)  // but a plain request fits
        try pool.free(1)
        try pool.free(offsets[2])  // merges: free 1..<4096
        #expect(try pool.allocAligned(100, alignment: 256) == 256)
    }

    @Test("alignment 1 behaves exactly like alloc over a random run", arguments: [11 as UInt64, 12, 13])
    func alignmentOneIsAlloc(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var plain = try MemoryPool(totalSize: 1 << 16)
        var aligned = plain
        var live: [Int] = []
        for step in 0..<400 {
            if live.isEmpty || random.chance(60) {
                let size = 1 + random.below(2000)
                let a = try plain.alloc(size)
                let b = try aligned.allocAligned(size, alignment: 1)
                #expect(a == b, "seed \(seed) step \(step): alloc(\(size))")
                if let a { live.append(a) }
            } else {
                let offset = live.remove(at: random.below(live.count))
                try plain.free(offset)
                try aligned.free(offset)
            }
        }
        #expect(PoolSnapshot(plain) == PoolSnapshot(aligned), "seed \(seed)")
    }
}
