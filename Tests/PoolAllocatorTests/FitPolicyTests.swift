import PoolAllocator
import TestSupport
import Testing

/// The four placement policies and the rover: hand-checked layouts, the rover's edge cases,
/// and seeded random runs of every policy against `ReferenceModel`.
@Suite("Fit policies")
struct FitPolicyTests {
    /// used 0..<100, free 100..<300 (200 B), used 300..<400, free 400..<450 (50 B),
    /// used 450..<500, free 500..<1000 (500 B); the rover at 500.
    static func threeHoles(_ policy: FitPolicy) throws -> MemoryPool {
        var (pool, offsets) = try makePool(total: 1000, sizes: [100, 200, 100, 50, 50])
        try pool.free(offsets[1])
        try pool.free(offsets[3])
        pool.policy = policy
        #expect(pool.rover == 500)
        return pool
    }

    @Test(
        "each policy picks its free block",
        arguments: [(FitPolicy.first, 100), (.next, 500), (.best, 400), (.worst, 500)])
    func picks(policy: FitPolicy, expected: Int) throws {
        var pool = try Self.threeHoles(policy)
        #expect(try pool.alloc(40) == expected)
        #expect(pool.rover == expected + 40)
        #expect(pool.policy == policy)
    }

    @Test("ties go to the lowest address under best and worst fit")
    func ties() throws {
        // Free: 100..<200, 300..<400 (100 B each) and 500..<1000.
        var (pool, offsets) = try makePool(total: 1000, sizes: [100, 100, 100, 100, 100])
        try pool.free(offsets[1])
        try pool.free(offsets[3])
        pool.policy = .best
        #expect(try pool.alloc(100) == 100)
        #expect(try pool.alloc(100) == 300)
        var worst = try MemoryPool(totalSize: 1000, policy: .worst)
        for _ in 0..<4 { _ = try worst.alloc(250) }  // 0, 250, 500, 750: worst takes the rest each time
        try worst.free(250)
        try worst.free(750)
        #expect(try worst.alloc(10) == 250)
        #expect(try worst.alloc(10) == 750)
    }

    @Test("best fit skips the shortest block when it has no aligned room")
    func bestFitAligned() throws {
        // Free: 100..<150 (50 B, no 64-aligned room for 40 B), 300..<400 (100 B: room at 320).
        var (pool, offsets) = try makePool(total: 1000, sizes: [100, 50, 150, 100, 100])
        try pool.free(offsets[1])
        try pool.free(offsets[3])
        pool.policy = .best
        #expect(try pool.allocAligned(40, alignment: 64) == 320)
        #expect(pool.regions.contains(.padding(300, 320)))
        #expect(pool.rover == 360)
    }

    @Test("worst fit passes over the largest blocks when none has aligned room")
    func worstFitAligned() throws {
        // Free runs of 300 B at 1 mod 512 and shorter runs that are aligned.
        var pool = try MemoryPool(totalSize: 8192)
        _ = try pool.alloc(1)  // 0..<1
        let b = try #require(try pool.alloc(300))  // 1..<301
        _ = try pool.alloc(211)  // 301..<512
        let c = try #require(try pool.alloc(200))  // 512..<712
        _ = try pool.alloc(7480)  // the rest
        try pool.free(b)
        try pool.free(c)
        pool.policy = .worst
        // 300 bytes from 1: the lowest multiple of 512 is 512, beyond it. 200 bytes at 512 fit.
        #expect(try pool.allocAligned(150, alignment: 512) == 512)
        // Without alignment the 300-byte run is the largest.
        #expect(try pool.alloc(10) == 1)
    }

    // MARK: The rover

    @Test("the rover: 0 when new, the end of every allocation, kept by free and by switching policy")
    func roverBasics() throws {
        var pool = try MemoryPool(totalSize: 1000)
        #expect(pool.rover == 0)
        let a = try #require(try pool.alloc(100))
        #expect(pool.rover == 100)
        _ = try pool.allocAligned(10, alignment: 64)  // 128..<138, padding 100..<128
        #expect(pool.rover == 138)
        try pool.free(a)
        #expect(pool.rover == 138)
        for policy in FitPolicy.allCases {
            pool.policy = policy
            #expect(pool.rover == 138)
        }
        expectRefused(.notAllocated(a), on: &pool) { try $0.free(a) }
        #expect(try pool.alloc(2000) == nil)
        #expect(pool.rover == 138, "a failed allocation does not move the rover")
    }

    @Test("defragment puts the rover back at 0")
    func roverAfterDefragment() throws {
        var (pool, offsets) = try makePool(total: 1000, sizes: [100, 100, 100], policy: .next)
        try pool.free(offsets[0])
        #expect(pool.rover == 300)
        pool.defragment()
        #expect(pool.rover == 0)
        // Next fit now starts at 0 again: the free run after the blocks.
        #expect(try pool.alloc(10) == 200)
    }

    @Test("next fit at the pool's end starts from 0")
    func roverAtEnd() throws {
        var (pool, offsets) = try makePool(total: 1000, sizes: [100, 100, 800], policy: .next)
        #expect(pool.rover == 1000)
        try pool.free(offsets[1])
        try pool.free(offsets[0])  // one free run 0..<200
        #expect(try pool.alloc(50) == 0)
        #expect(pool.rover == 50)
        #expect(try pool.alloc(50) == 50)
    }

    @Test("next fit takes the coalesced free block holding the rover, from its start, below the rover")
    func roverInsideCoalescedBlock() throws {
        var (pool, offsets) = try makePool(total: 1000, sizes: [100, 100, 100, 100, 600], policy: .next)
        try pool.free(offsets[2])  // 200..<300
        try pool.free(offsets[4])  // 400..<1000
        // 150 B: the rover is at the pool's end, so from 0; 200..<300 is too short.
        #expect(try pool.alloc(150) == 400)
        #expect(pool.rover == 550)
        // Freeing 400..<550 coalesces it with 550..<1000: the rover lies inside 400..<1000.
        try pool.free(400)
        #expect(pool.regions.last == .free(400, 1000))
        // That block is the first whose end is above the rover; it is used from its start.
        #expect(try pool.alloc(10) == 400)
        #expect(pool.rover == 410)
    }

    @Test("next fit: the block ending at the rover is not above it; the one starting there is")
    func roverAtBoundaries() throws {
        // used 0..<100, free 100..<200, used 200..<300, free 300..<1000; the rover at 300.
        var (pool, offsets) = try makePool(total: 1000, sizes: [100, 100, 100], policy: .next)
        try pool.free(offsets[1])
        var copy = pool
        #expect(try copy.alloc(10) == 300, "the free block starting at the rover")
        // Put the rover at 200, where the free run 100..<200 ends.
        #expect(try pool.alloc(100) == 300)
        try pool.free(300)
        pool.policy = .first
        #expect(try pool.alloc(100) == 100)
        try pool.free(100)
        pool.policy = .next
        #expect(pool.rover == 200)
        #expect(try pool.alloc(10) == 300, "the free block ending at the rover is not above it")
    }

    @Test("next fit passes over blocks that do not fit, wraps around once, and can fail")
    func nextFitWraps() throws {
        // free 100..<150 (50 B), 300..<400 (100 B), 600..<650 (50 B), 800..<1000 (200 B)
        var pool = try MemoryPool(totalSize: 1000, policy: .next)
        for size in [100, 50, 150, 100, 200, 50, 150, 200] { _ = try pool.alloc(size) }
        for offset in [100, 300, 600, 800] { try pool.free(offset) }
        #expect(pool.rover == 1000)
        #expect(try pool.alloc(60) == 300)  // from 0: 100..<150 is too short
        #expect(pool.rover == 360)
        #expect(try pool.alloc(60) == 800)  // 360..<400 and 600..<650 are too short
        #expect(try pool.alloc(100) == 860)
        #expect(pool.rover == 960)
        #expect(try pool.alloc(45) == 100)  // 960..<1000 is too short: around to 100..<150
        #expect(pool.rover == 145)
        #expect(try pool.alloc(45) == 600)  // 145..<150 and 360..<400 are too short
        // Nothing has 10 B at a multiple of 512 (0 and 512 are used): a full circle finds none.
        #expect(try pool.allocAligned(10, alignment: 512) == nil)
        #expect(pool.rover == 645)
        #expect(try pool.alloc(40) == 960)  // 645..<650 is too short
    }
}
