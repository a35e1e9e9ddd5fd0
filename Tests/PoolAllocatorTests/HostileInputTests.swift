import PoolAllocator
import Testing

/// Values chosen to overflow careless arithmetic. Nothing may trap; bad input gets an answer.
@Suite("Hostile values")
struct HostileInputTests {
    @Test("alloc(Int.max) is nil, on small and huge pools", arguments: [1024, 1 << 40, Int.max - 1])
    func allocIntMax(total: Int) throws {
        var pool = try MemoryPool(totalSize: total)
        #expect(try pool.alloc(Int.max) == nil)
        #expect(try pool.allocAligned(Int.max, alignment: 1) == nil)
        #expect(try pool.allocAligned(Int.max, alignment: Int.max) == nil)
        #expect(pool.regions == [.free(0, total)])
    }

    @Test("allocAligned(8, alignment: Int.max / 2) on an empty pool is 0, then nil")
    func hugeAlignmentOnEmptyPool() throws {
        var pool = try MemoryPool(totalSize: 1024)
        #expect(try pool.allocAligned(8, alignment: Int.max / 2) == 0)
        #expect(try pool.allocAligned(8, alignment: Int.max / 2) == nil)
        #expect(try pool.allocAligned(8, alignment: Int.max) == nil)
        #expect(pool.regions == [.used(0, 8), .free(8, 1024)])
        #expect(pool.blocks == [Block(offset: 0, size: 8, alignment: Int.max / 2, padding: 0)])
    }

    @Test("allocAligned(Int.max, alignment: 1 << 40) is nil", arguments: [1024, 1 << 41])
    func intMaxSizeWithLargeAlignment(total: Int) throws {
        var pool = try MemoryPool(totalSize: total)
        #expect(try pool.allocAligned(Int.max, alignment: 1 << 40) == nil)
        _ = try pool.alloc(1)
        #expect(try pool.allocAligned(Int.max, alignment: 1 << 40) == nil)
        #expect(try pool.allocAligned(Int.max - 1, alignment: Int.max) == nil)
    }

    @Test("free(Int.max) and free(Int.min) throw offsetOutOfRange")
    func freeExtremes() throws {
        var pool = try MemoryPool(totalSize: 1024)
        _ = try pool.alloc(1024)
        expectRefused(.offsetOutOfRange(Int.max), on: &pool) { try $0.free(Int.max) }
        expectRefused(.offsetOutOfRange(Int.min), on: &pool) { try $0.free(Int.min) }
    }

    @Test("an alignment far larger than the pool fits only at 0")
    func alignmentLargerThanPool() throws {
        var pool = try MemoryPool(totalSize: 1024)
        #expect(try pool.allocAligned(8, alignment: 1 << 20) == 0)
        #expect(try pool.allocAligned(8, alignment: 1 << 20) == nil)
        try pool.free(0)
        _ = try pool.alloc(1)
        #expect(try pool.allocAligned(1, alignment: 1 << 62) == nil)
        #expect(try pool.allocAligned(1, alignment: 1024) == nil)
        #expect(try pool.allocAligned(1, alignment: 1023) == 1023)
    }

    @Test("a pool of 1 TiB: offsets and sizes above 32 bits")
    func teraBytePool() throws {
        let total = 1 << 40, half = 1 << 39, gib = 1 << 30, big = 1 << 36
        var pool = try MemoryPool(totalSize: total)
        #expect(try pool.alloc(half) == 0)
        #expect(try pool.allocAligned(gib, alignment: 1 << 38) == half)
        #expect(try pool.alloc(half) == nil)
        let three: Int = half + gib
        #expect(try pool.alloc(3) == three)
        let five: Int = half + big
        #expect(try pool.allocAligned(5, alignment: big) == five)
        let stats = pool.stats
        #expect(stats.used == five + 5)
        let padding: Int = big - gib - 3
        #expect(stats.padding == padding)
        #expect(stats.free == total - stats.used)
        #expect(stats.largestFree == total - stats.used)
        try pool.free(0)
        #expect(pool.stats.freeBlockCount == 2)
        let expectedMapping: [Int: Int] = [half: 0, three: gib, five: big]
        #expect(pool.defragment() == expectedMapping)
        let expectedRegions: [Region] = [
            .used(0, gib), .used(gib, gib + 3), .padding(gib + 3, big), .used(big, big + 5), .free(big + 5, total),
        ]
        #expect(pool.regions == expectedRegions)
    }

    @Test("odd alignments 3, 48 and 100 in a GiB pool of odd size")
    func oddAlignmentsInLargePool() throws {
        let total = (1 << 30) + 7
        var pool = try MemoryPool(totalSize: total)
        #expect(try pool.alloc(5) == 0)
        #expect(try pool.allocAligned(7, alignment: 3) == 6)
        #expect(try pool.allocAligned(1, alignment: 100) == 100)
        #expect(try pool.allocAligned(1 << 29, alignment: 48) == 144)
        #expect(try pool.allocAligned(1 << 29, alignment: 48) == nil)
        #expect(pool.stats.padding == 1 + 87 + 43)
        #expect(pool.regions.last == .free(144 + (1 << 29), total))
    }

    @Test("a pool of Int.max bytes: blocks may end exactly at Int.max")
    func intMaxPool() throws {
        let half = Int.max / 2
        var pool = try MemoryPool(totalSize: Int.max)
        #expect(try pool.alloc(Int.max) == 0)
        #expect(pool.stats.used == Int.max)
        #expect(pool.stats.free == 0)
        #expect(pool.stats.fragmentation == 0)
        try pool.free(0)
        #expect(pool.regions == [.free(0, Int.max)])

        #expect(try pool.allocAligned(8, alignment: half) == 0)
        #expect(try pool.allocAligned(8, alignment: half) == half)
        // The next multiple, 2 * half = Int.max - 1, has no room for 8 bytes.
        #expect(try pool.allocAligned(8, alignment: half) == nil)
        #expect(try pool.alloc(Int.max - half - 8) == half + 8)
        #expect(pool.stats.used == Int.max)
        expectRefused(.offsetOutOfRange(Int.max), on: &pool) { try $0.free(Int.max) }
        expectRefused(.notBlockStart(Int.max - 1), on: &pool) { try $0.free(Int.max - 1) }
        expectRefused(.notBlockStart(8), on: &pool) { try $0.free(8) }  // padding of the block at half
        #expect(pool.usage(in: Int.min..<Int.max).totalBytes == Int.max)
        #expect(pool.block(containing: Int.max - 1)?.offset == half + 8)
        #expect(pool.block(containing: Int.max) == nil)
        #expect(pool.block(after: Int.max) == nil)
        #expect(pool.block(before: Int.min) == nil)
        try pool.free(half)
        #expect(pool.defragment() == [0: 0, half + 8: 8])
        #expect(pool.regions == [.used(0, 8), .used(8, Int.max - half), .free(Int.max - half, Int.max)])
    }
}
