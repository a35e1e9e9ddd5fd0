import PoolAllocator
import Testing

/// Every worked example of the classic memory-pool exercise, verbatim (docs/semantics.md).
@Suite("The classic exercise's examples")
struct ClassicExampleTests {
    @Test("alloc: first fit, then nil when only 256 bytes are free")
    func allocFirstFit() throws {
        var pool = try MemoryPool(totalSize: 1024)
        #expect(try pool.alloc(256) == 0)
        #expect(try pool.alloc(256) == 256)
        #expect(try pool.alloc(256) == 512)
        #expect(try pool.alloc(512) == nil)
        #expect(pool.regions == [.used(0, 256), .used(256, 512), .used(512, 768), .free(768, 1024)])
    }

    @Test("free: freeing the middle then the first block coalesces them into [0, 512)")
    func freeCoalesces() throws {
        var pool = try MemoryPool(totalSize: 1024)
        let a = try #require(try pool.alloc(256))
        let b = try #require(try pool.alloc(256))
        let c = try #require(try pool.alloc(256))
        #expect([a, b, c] == [0, 256, 512])

        try pool.free(b)
        #expect(pool.regions == [.used(0, 256), .free(256, 512), .used(512, 768), .free(768, 1024)])
        try pool.free(a)
        #expect(pool.regions == [.free(0, 512), .used(512, 768), .free(768, 1024)])
        #expect(pool.stats.freeBlockCount == 2)
        #expect(pool.stats.largestFree == 512)

        #expect(try pool.alloc(512) == 0)
    }

    @Test("alloc_aligned: 200 bytes at 256 after a 100-byte block; 100..<256 is padding")
    func allocAligned() throws {
        var pool = try MemoryPool(totalSize: 1024)
        #expect(try pool.alloc(100) == 0)
        #expect(try pool.allocAligned(200, alignment: 256) == 256)
        #expect(pool.regions == [.used(0, 100), .padding(100, 256), .used(256, 456), .free(456, 1024)])
    }

    @Test("stats: three blocks of 256 in 1024")
    func stats() throws {
        var pool = try MemoryPool(totalSize: 1024)
        _ = try pool.alloc(256)
        _ = try pool.alloc(256)
        _ = try pool.alloc(256)
        let stats = pool.stats
        // The seed's dictionary: total, used, free, num_blocks, fragmentation.
        #expect(stats.total == 1024)
        #expect(stats.used == 768)
        #expect(stats.free == 256)
        #expect(stats.blockCount == 3)
        #expect(stats.fragmentation == 0.0)
        // And the three figures this project adds.
        #expect(
            stats
                == PoolStats(
                    total: 1024, used: 768, free: 256, blockCount: 3, fragmentation: 0,
                    padding: 0, largestFree: 256, freeBlockCount: 1))
    }

    @Test("defragment: four blocks of 128, free the 1st and 3rd -> [128: 0, 384: 128]")
    func defragment() throws {
        var pool = try MemoryPool(totalSize: 1024)
        let a = try #require(try pool.alloc(128))
        let b = try #require(try pool.alloc(128))
        let c = try #require(try pool.alloc(128))
        let d = try #require(try pool.alloc(128))
        #expect([a, b, c, d] == [0, 128, 256, 384])

        try pool.free(a)
        try pool.free(c)
        // [FREE 128][USED 128][FREE 128][USED 128][FREE 512]
        #expect(
            pool.regions == [
                .free(0, 128), .used(128, 256), .free(256, 384), .used(384, 512),
                .free(512, 1024),
            ])

        let mapping = pool.defragment()
        #expect(mapping == [128: 0, 384: 128])
        // [USED 128][USED 128][FREE 768]
        #expect(pool.regions == [.used(0, 128), .used(128, 256), .free(256, 1024)])
        #expect(
            pool.stats
                == PoolStats(
                    total: 1024, used: 256, free: 768, blockCount: 2, fragmentation: 0,
                    padding: 0, largestFree: 768, freeBlockCount: 1))
    }

    @Test("fragmentation is 1 - largest free / free when free space is split")
    func fragmentationWhenSplit() throws {
        var (pool, offsets) = try makePool(total: 1024, sizes: [128, 128, 128, 128])
        try pool.free(offsets[0])
        try pool.free(offsets[2])
        // Free blocks 128, 128 and 512: 1 - 512 / 768.
        #expect(pool.stats.free == 768)
        #expect(pool.stats.largestFree == 512)
        #expect(pool.stats.freeBlockCount == 3)
        #expect(abs(pool.stats.fragmentation - (1 - 512.0 / 768.0)) < 1e-12)
    }

    @Test("fragmentation is 0 when nothing is free")
    func fragmentationWhenFull() throws {
        let (pool, _) = try makePool(total: 1024, sizes: [1000, 24])
        #expect(
            pool.stats
                == PoolStats(
                    total: 1024, used: 1024, free: 0, blockCount: 2, fragmentation: 0,
                    padding: 0, largestFree: 0, freeBlockCount: 0))
        #expect(pool.regions == [.used(0, 1000), .used(1000, 1024)])
    }
}
