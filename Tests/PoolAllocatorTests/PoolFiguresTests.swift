import PoolAllocator
import Testing

/// The high-water mark, peak live bytes, utilization and heap fragmentation (docs/semantics.md),
/// on layouts small enough to check by hand.
@Suite("Figures: high-water mark, peak live, utilization, heap fragmentation")
struct PoolFiguresTests {
    @Test("a new pool has no figures: both ratios are undefined")
    func newPool() throws {
        let pool = try MemoryPool(totalSize: 1024)
        #expect(pool.figures == PoolFigures(highWater: 0, peakLive: 0))
        #expect(pool.figures.utilization == nil)
        #expect(pool.figures.heapFragmentation == nil)
    }

    /// docs/semantics.md's worked example: first fit fills the hole it made, worst fit does not.
    @Test("the worked example, under first, best and worst fit", arguments: [FitPolicy.first, .best, .worst])
    func workedExample(policy: FitPolicy) throws {
        var pool = try MemoryPool(totalSize: 1024, policy: policy)
        let a = try #require(try pool.alloc(300))  // 0..<300
        _ = try pool.alloc(200)  // 300..<500
        #expect(pool.figures == PoolFigures(highWater: 500, peakLive: 500))
        try pool.free(a)
        #expect(pool.figures == PoolFigures(highWater: 500, peakLive: 500), "a free lowers neither")
        let c = try #require(try pool.alloc(100))
        let d = try #require(try pool.alloc(400))
        if policy == .worst {
            // The largest hole, 500..<1024, takes c; then 600..<1024 is still the largest.
            #expect((c, d) == (500, 600))
            #expect(pool.figures == PoolFigures(highWater: 1000, peakLive: 700))
            #expect(pool.figures.utilization == 0.7)
            #expect(pool.figures.heapFragmentation == 300.0 / 700.0)
        } else {
            // c fills the hole at 0 (the lowest, and the smallest that fits); d goes above b.
            #expect((c, d) == (0, 500))
            #expect(pool.figures == PoolFigures(highWater: 900, peakLive: 700))
            #expect(pool.figures.utilization == 700.0 / 900.0)
            #expect(pool.figures.heapFragmentation == 200.0 / 700.0)
        }
    }

    @Test("padding counts in the high-water mark, not in peak live")
    func padding() throws {
        var pool = try MemoryPool(totalSize: 1024)
        _ = try pool.alloc(10)
        #expect(try pool.allocAligned(100, alignment: 64) == 64)  // padding 10..<64
        #expect(pool.figures == PoolFigures(highWater: 164, peakLive: 110))
        #expect(pool.figures.utilization == 110.0 / 164.0)
        #expect(pool.figures.heapFragmentation == 54.0 / 110.0)
    }

    @Test("a defragment lowers the used end but not the high-water mark; later blocks raise it again")
    func defragment() throws {
        var pool = try MemoryPool(totalSize: 1000)
        let a = try #require(try pool.alloc(400))
        _ = try pool.alloc(100)  // 400..<500
        try pool.free(a)
        pool.defragment()  // the 100 bytes slide to 0
        #expect(pool.figures == PoolFigures(highWater: 500, peakLive: 500))
        #expect(try pool.alloc(450) == 100)  // ends at 550
        #expect(pool.figures == PoolFigures(highWater: 550, peakLive: 550))
        #expect(pool.figures.utilization == 1)
        #expect(pool.figures.heapFragmentation == 0)
    }

    @Test("a failed or refused operation changes no figure")
    func failures() throws {
        var pool = try MemoryPool(totalSize: 100)
        _ = try pool.alloc(60)
        #expect(try pool.alloc(50) == nil)
        #expect(throws: PoolError.notAllocated(70)) { try pool.free(70) }
        #expect(pool.figures == PoolFigures(highWater: 60, peakLive: 60))
    }

    @Test("a copy keeps its own figures (undo and checkpoints restore them)")
    func valueSemantics() throws {
        var pool = try MemoryPool(totalSize: 1000)
        _ = try pool.alloc(100)
        let before = pool
        _ = try pool.alloc(300)
        #expect(before.figures == PoolFigures(highWater: 100, peakLive: 100))
        #expect(pool.figures == PoolFigures(highWater: 400, peakLive: 400))
    }

    @Test("two pools combined: the higher of each figure")
    func combined() {
        let one = PoolFigures(highWater: 900, peakLive: 300)
        let two = PoolFigures(highWater: 500, peakLive: 450)
        #expect(one.combined(with: two) == PoolFigures(highWater: 900, peakLive: 450))
        #expect(PoolFigures().combined(with: two) == two)
    }
}
