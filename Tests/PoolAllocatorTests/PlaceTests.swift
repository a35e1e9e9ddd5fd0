import PoolAllocator
import Testing

/// `MemoryPool.place(_:at:)`: a block at exactly the offset given, the free bytes around it
/// kept free, and every refusal typed and harmless.
@Suite("Placing a block at an offset")
struct PlaceTests {
    @Test("inside a free block, the bytes before and after it stay free")
    func placesInsideAFreeBlock() throws {
        var pool = try MemoryPool(totalSize: 1000)
        try pool.place(100, at: 300)
        #expect(
            pool.regions == [
                Region(offset: 0, size: 300, kind: .free), Region(offset: 300, size: 100, kind: .used),
                Region(offset: 400, size: 600, kind: .free),
            ])
        #expect(pool.block(at: 300) == Block(offset: 300, size: 100, alignment: 1, padding: 0))
        #expect(pool.stats.freeBlockCount == 2)
        #expect(pool.rover == 400)
        #expect(pool.figures == PoolFigures(highWater: 400, peakLive: 100))
    }

    @Test("at a free block's start, at its end, and filling it exactly")
    func placesAtTheEdges() throws {
        var pool = try MemoryPool(totalSize: 1000)
        try pool.place(100, at: 0)
        try pool.place(100, at: 900)
        try pool.place(800, at: 100)
        #expect(pool.stats.free == 0)
        #expect(pool.stats.freeBlockCount == 0)
        #expect(pool.blocks.map(\.offset) == [0, 100, 900])
        try pool.free(100)
        #expect(pool.regions[1] == Region(offset: 100, size: 800, kind: .free))
    }

    @Test("refused with a typed error, changing nothing")
    func refusals() throws {
        var pool = try MemoryPool(totalSize: 1000)
        try pool.place(100, at: 300)
        expectRefused(.invalidSize(0), on: &pool) { try $0.place(0, at: 0) }
        expectRefused(.offsetOutOfRange(-1), on: &pool) { try $0.place(1, at: -1) }
        expectRefused(.offsetOutOfRange(1000), on: &pool) { try $0.place(1, at: 1000) }
        expectRefused(.rangeNotFree(offset: 250, size: 51), on: &pool) { try $0.place(51, at: 250) }
        expectRefused(.rangeNotFree(offset: 350, size: 1), on: &pool) { try $0.place(1, at: 350) }
        expectRefused(.rangeNotFree(offset: 999, size: 2), on: &pool) { try $0.place(2, at: 999) }
        expectRefused(.rangeNotFree(offset: 999, size: Int.max), on: &pool) { try $0.place(Int.max, at: 999) }
        #expect(
            PoolError.rangeNotFree(offset: 250, size: 51).description
                == "bytes 250 ..< 250 + 51 do not lie inside one free block")
    }

    @Test("a full leaf splits: 200 blocks placed one byte apart from the top down, under best fit")
    func splitsLeaves() throws {
        var pool = try MemoryPool(totalSize: 1000, policy: .best)
        for k in stride(from: 199, through: 0, by: -1) { try pool.place(3, at: 5 * k + 1) }
        #expect(pool.stats.blockCount == 200)
        #expect(pool.stats.freeBlockCount == 201)
        #expect(pool.stats.largestFree == 2)
        #expect(try pool.alloc(2) == 4)  // best fit: the lowest of the 2-byte gaps
    }
}
