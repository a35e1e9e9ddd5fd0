import Testing
import PoolAllocator
@testable import MemoryMap

@Suite("Screen golden files")
struct ScreenGoldenTests {
    /// A small scene: plain and aligned blocks, a hole, a name, a selection, a log with a failure.
    static func scene(size: Int = 64 * 1024) throws -> ScreenModel {
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
            log: [LogEntry("alloc 4 KiB → 0x0000"), LogEntry("alloc 1000 B → 0x1000"),
                  LogEntry("free 0x0000"),
                  LogEntry(AllocationFailure.message(size: 60000, stats: stats), isError: true)])
    }

    @Test func explorerAt80x24() throws {
        Golden.check(ScreenRenderer.render(try Self.scene(), width: 80, height: 24), "explorer-80x24")
    }
}
