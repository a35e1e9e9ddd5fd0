import PoolAllocator
import Testing

/// Each `PoolError` case, thrown for the documented input, with the pool left unchanged.
@Suite("Errors")
struct PoolErrorTests {
    /// used 0..<100, padding 100..<256, used 256..<456, free 456..<506, used 506..<550, free 550..<1024.
    static func layoutWithPaddingAndGaps() throws -> MemoryPool {
        var pool = try MemoryPool(totalSize: 1024)
        _ = try pool.alloc(100)
        _ = try pool.allocAligned(200, alignment: 256)
        _ = try pool.alloc(50)
        _ = try pool.alloc(44)
        try pool.free(456)
        return pool
    }

    @Test("invalidPoolSize for sizes <= 0", arguments: [0, -1, -4096, Int.min])
    func invalidPoolSize(size: Int) {
        #expect(throws: PoolError.invalidPoolSize(size)) { try MemoryPool(totalSize: size) }
    }

    @Test("invalidSize for alloc and allocAligned sizes <= 0", arguments: [0, -1, Int.min])
    func invalidSize(size: Int) throws {
        var pool = try Self.layoutWithPaddingAndGaps()
        expectRefused(.invalidSize(size), on: &pool) { _ = try $0.alloc(size) }
        expectRefused(.invalidSize(size), on: &pool) { _ = try $0.allocAligned(size, alignment: 256) }
    }

    @Test("invalidAlignment for alignments <= 0", arguments: [0, -1, -256, Int.min])
    func invalidAlignment(alignment: Int) throws {
        var pool = try Self.layoutWithPaddingAndGaps()
        expectRefused(.invalidAlignment(alignment), on: &pool) { _ = try $0.allocAligned(8, alignment: alignment) }
        // Even when the size could never fit, a bad alignment is reported.
        expectRefused(.invalidAlignment(alignment), on: &pool) {
            _ = try $0.allocAligned(Int.max, alignment: alignment)
        }
    }

    @Test("the size is checked before the alignment")
    func sizeBeforeAlignment() throws {
        var pool = try Self.layoutWithPaddingAndGaps()
        expectRefused(.invalidSize(0), on: &pool) { _ = try $0.allocAligned(0, alignment: 0) }
        expectRefused(.invalidSize(-5), on: &pool) { _ = try $0.allocAligned(-5, alignment: -7) }
        expectRefused(.invalidSize(Int.min), on: &pool) { _ = try $0.allocAligned(Int.min, alignment: Int.min) }
    }

    @Test(
        "offsetOutOfRange for negative offsets and offsets >= total",
        arguments: [-1, -1024, Int.min, 1024, 1025, Int.max])
    func offsetOutOfRange(offset: Int) throws {
        var pool = try Self.layoutWithPaddingAndGaps()
        expectRefused(.offsetOutOfRange(offset), on: &pool) { try $0.free(offset) }
    }

    @Test("notBlockStart inside a block", arguments: [1, 99, 257, 455, 507, 549])
    func notBlockStartInsideBlock(offset: Int) throws {
        var pool = try Self.layoutWithPaddingAndGaps()
        expectRefused(.notBlockStart(offset), on: &pool) { try $0.free(offset) }
    }

    @Test("notBlockStart inside a block's padding", arguments: [100, 101, 200, 255])
    func notBlockStartInsidePadding(offset: Int) throws {
        var pool = try Self.layoutWithPaddingAndGaps()
        expectRefused(.notBlockStart(offset), on: &pool) { try $0.free(offset) }
    }

    @Test("notAllocated in free space", arguments: [456, 480, 505, 550, 1023])
    func notAllocatedInFreeSpace(offset: Int) throws {
        var pool = try Self.layoutWithPaddingAndGaps()
        expectRefused(.notAllocated(offset), on: &pool) { try $0.free(offset) }
    }

    @Test("a double free is notAllocated, also after the freed block coalesced")
    func doubleFree() throws {
        var pool = try Self.layoutWithPaddingAndGaps()
        try pool.free(506)  // merges 456..<506, 506..<550 and 550..<1024
        expectRefused(.notAllocated(506), on: &pool) { try $0.free(506) }
        try pool.free(256)  // its padding returns too: free 100..<1024
        expectRefused(.notAllocated(256), on: &pool) { try $0.free(256) }
        #expect(pool.regions == [.used(0, 100), .free(100, 1024)])
        try pool.free(0)
        expectRefused(.notAllocated(0), on: &pool) { try $0.free(0) }
        #expect(pool.regions == [.free(0, 1024)])
    }

    @Test("an allocation that does not fit returns nil and changes nothing")
    func noFitIsNotAnError() throws {
        var pool = try Self.layoutWithPaddingAndGaps()
        let before = PoolSnapshot(pool)
        #expect(try pool.alloc(475) == nil)
        #expect(try pool.allocAligned(400, alignment: 512) == nil)
        #expect(PoolSnapshot(pool) == before)
    }

    @Test("every description names the value and says what is wrong")
    func descriptions() {
        let errors: [PoolError] = [
            .invalidPoolSize(-7), .invalidSize(-7), .invalidAlignment(-7),
            .offsetOutOfRange(-7), .notBlockStart(-7), .notAllocated(-7),
        ]
        let texts = errors.map { String(describing: $0) }
        for text in texts {
            #expect(text.contains("-7"), "\(text)")
            // More than the bare case name: a sentence a person can read.
            #expect(text.contains(" "), "\(text)")
        }
        #expect(Set(texts).count == errors.count, "two cases read the same")
        #expect(String(describing: PoolError.offsetOutOfRange(Int.max)).contains("\(Int.max)"))
    }
}
