import PoolAllocator

@testable import MemoryMap
@testable import PoolText

/// Fixed pools and models shared by the golden and unit tests.
enum Scenes {
    /// A footer and a help list of the shape apps give (the apps' own lists are tested with
    /// the apps): enough keys to need two help columns at 60×16.
    static let footerKeys = (1...12).map { KeyHint("k\($0)", "action \($0)") }
    static let helpKeys = (1...17).map { KeyHint("key \($0)", "what key \($0) does") }

    /// A 64 KiB pool: a hole, a named 1000 B block, an aligned block with padding, an 8 KiB block.
    /// Returns the model with the named block selected and a log ending in a failure.
    static func explorer(size: Int = 64 * 1024) throws -> ScreenModel {
        var pool = try MemoryPool(totalSize: size)
        let a = try pool.alloc(4096)!
        let b = try pool.alloc(1000)!
        _ = try pool.allocAligned(3000, alignment: 4096)
        _ = try pool.alloc(8192)
        try pool.free(a)
        let stats = pool.stats
        return ScreenModel(
            pool: pool, title: "poolmap explorer", names: [b: "mesh"], selectedOffset: b,
            fragmentationHistory: [0, 0, 0.1, 0.2, 0.35, stats.fragmentation],
            log: [
                LogEntry("alloc 4 KiB → 0x0000"), LogEntry("alloc 1000 B → 0x1000"),
                LogEntry("free 0x0000"),
                LogEntry(AllocationFailure.message(size: 60000, stats: stats), isError: true),
            ],
            helpKeys: helpKeys, footerKeys: footerKeys)
    }

    /// `count` blocks of `size` bytes back to back from offset 0.
    static func packed(total: Int, count: Int, size: Int) throws -> MemoryPool {
        var pool = try MemoryPool(totalSize: total)
        for _ in 0..<count { _ = try pool.alloc(size) }
        return pool
    }

    /// Blocks of `size` bytes with `size`-byte holes between them, `count` of them.
    static func checkerboard(total: Int, count: Int, size: Int) throws -> MemoryPool {
        var pool = try MemoryPool(totalSize: total)
        var offsets: [Int] = []
        for _ in 0..<(2 * count) { if let offset = try pool.alloc(size) { offsets.append(offset) } }
        for index in stride(from: 1, to: offsets.count, by: 2) { try pool.free(offsets[index]) }
        return pool
    }
}
