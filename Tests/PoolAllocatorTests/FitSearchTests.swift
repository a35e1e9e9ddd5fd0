import PoolAllocator
import PoolScript
import TestSupport
import Testing

/// The search made visible (`FitSearch`) agrees exactly with `MemoryPool`'s choice, for every
/// policy, on seeded random pools: plain and aligned requests, failures, and next fit's rover
/// anywhere (its wrap to offset 0 included). Its verdicts are checked against the definitions.
@Suite("The search made visible")
struct FitSearchTests {
    /// The request sizes and alignments tried on each pool state.
    static func requests(_ random: inout SplitMix64, total: Int) -> [(size: Int, alignment: Int)] {
        (0..<6).map { _ in
            let size = 1 + random.below(max(1, total / (random.chance(30) ? 2 : 8)))
            let alignment = random.chance(40) ? 1 << random.below(9) : 1
            return (size, alignment)
        }
    }

    /// Checks the search for `size`/`alignment` on `pool` against what the allocator does.
    @discardableResult
    static func check(_ pool: MemoryPool, size: Int, alignment: Int, _ context: String) throws -> FitSearch {
        let search = try FitSearch(pool: pool, size: size, alignment: alignment)
        var copy = pool
        let offset = try copy.allocAligned(size, alignment: alignment)
        #expect(search.offset == offset, "\(context): alloc \(size) align \(alignment)")
        // Every verdict follows from the definitions; only fitting blocks are chosen.
        for look in search.looks {
            let padding = (alignment - look.start % alignment) % alignment
            let fits = padding + size <= look.length
            let expected: FitSearch.Verdict = look.length < size ? .tooSmall : (fits ? .fits : .misaligned)
            #expect(look.verdict == expected, "\(context): look at \(look.start)")
        }
        let free = pool.regions.filter { $0.kind == .free }
        switch pool.policy {
        case .first:
            // Address order, up to the first that fits.
            #expect(search.looks.map(\.start) == free.prefix(search.looks.count).map(\.offset), "\(context)")
            #expect(search.looks.dropLast(search.chosenIndex == nil ? 0 : 1).allSatisfy { $0.verdict != .fits })
            if search.chosenIndex == nil { #expect(search.looks.count == free.count, "\(context)") }
        case .best, .worst:
            #expect(search.looks.map(\.start) == free.map(\.offset), "\(context): every free block")
        case .next:
            // From the rover to the end, then from 0: each block at most once.
            #expect(Set(search.looks.map(\.start)).count == search.looks.count, "\(context)")
            let floor = pool.rover == pool.totalSize ? 0 : pool.rover
            let aboveCount = free.filter { $0.end > floor }.count
            if let wrap = search.wrapIndex {
                #expect(floor > 0 && wrap == min(aboveCount, search.looks.count), "\(context): wrap at \(wrap)")
                #expect(search.looks[wrap...].allSatisfy { $0.end <= floor }, "\(context)")
            }
            #expect(search.looks.prefix(search.wrapIndex ?? search.looks.count).allSatisfy { $0.end > floor })
        }
        if let chosen = search.chosen {
            #expect(chosen.verdict == .fits, "\(context)")
        } else {
            #expect(search.looks.allSatisfy { $0.verdict != .fits }, "\(context): fails although one fits")
        }
        return search
    }

    @Test("agrees with MemoryPool on random pools", arguments: FitPolicy.allCases)
    func agreesWithThePool(policy: FitPolicy) throws {
        // What the runs went through, so the interesting cases are known to be covered.
        var wrappedAndFound = 0, misalignedSeen = 0, alignedFound = 0, failed = 0
        for seed: UInt64 in [11, 12, 13, 14] {
            for total in [64, 1000, 4096, 1 << 20] {
                var random = SplitMix64(seed: seed &* 7_919 &+ UInt64(total))
                var pool = try MemoryPool(totalSize: total, policy: policy)
                var live: [Int] = []
                for step in 0..<160 {
                    let context = "seed \(seed) total \(total) \(policy) step \(step) rover \(pool.rover)"
                    for request in Self.requests(&random, total: total) {
                        let search = try Self.check(pool, size: request.size, alignment: request.alignment, context)
                        if search.wrapIndex != nil, search.chosen != nil { wrappedAndFound += 1 }
                        if search.looks.contains(where: { $0.verdict == .misaligned }) { misalignedSeen += 1 }
                        if request.alignment > 1, search.offset != nil { alignedFound += 1 }
                        if search.offset == nil { failed += 1 }
                    }
                    if !live.isEmpty, random.chance(40) {
                        let index = random.below(live.count)
                        try pool.free(live.remove(at: index))
                    } else {
                        let size = 1 + random.below(max(1, total / 10))
                        let alignment = random.chance(25) ? 1 << random.below(8) : 1
                        if let offset = try pool.allocAligned(size, alignment: alignment) { live.append(offset) }
                    }
                }
            }
        }
        #expect(policy != .next || wrappedAndFound > 0, "no next-fit search wrapped and found a block")
        #expect(misalignedSeen > 0 && alignedFound > 0 && failed > 0)
    }

    @Test func nextFitWrapsFromTheRover() throws {
        // Free blocks [0, 100), [200, 300), [400, 1024) after freeing; the rover at 400.
        var pool = try MemoryPool(totalSize: 1024, policy: .next)
        for size in [100, 100, 100, 100] { _ = try pool.alloc(size) }
        try pool.free(0)
        try pool.free(200)
        #expect(pool.rover == 400)
        let search = try FitSearch(pool: pool, size: 700)
        // From the rover: [400, 1024) is too small; wrap; [0, 100) and [200, 300) too.
        #expect(search.looks.map(\.start) == [400, 0, 200])
        #expect(search.wrapIndex == 1)
        #expect(search.offset == nil)
        let fits = try FitSearch(pool: pool, size: 80)
        #expect(fits.looks.map(\.start) == [400])
        #expect(fits.offset == 400 && fits.wrapIndex == nil)
    }

    @Test func bestAndWorstListEveryCandidate() throws {
        var pool = try MemoryPool(totalSize: 1000, policy: .best)
        let offsets = try [300, 50, 100, 50, 200, 50].map { try pool.alloc($0)! }
        try pool.free(offsets[2])  // 100 at 350
        try pool.free(offsets[4])  // 200 at 500; and 250 at 750 were never used
        let best = try FitSearch(pool: pool, size: 90)
        #expect(best.looks.map(\.verdict) == [.fits, .fits, .fits])
        #expect(best.chosen?.start == 350)
        pool.policy = .worst
        let worst = try FitSearch(pool: pool, size: 90)
        #expect(worst.chosen?.start == 750)
        // 190 B at a multiple of 256: 100 B are too few; 500 + 12 + 190 ends past 700; 768 fits.
        let aligned = try FitSearch(pool: pool, size: 190, alignment: 256)
        #expect(aligned.looks.map(\.verdict) == [.tooSmall, .misaligned, .fits])
        #expect(aligned.offset == 768 && aligned.chosen?.padding == 18)
    }

    @Test func refusesWhatTheAllocatorRefuses() throws {
        let pool = try MemoryPool(totalSize: 64)
        #expect(throws: PoolError.invalidSize(0)) { try FitSearch(pool: pool, size: 0) }
        #expect(throws: PoolError.invalidAlignment(-1)) { try FitSearch(pool: pool, size: 1, alignment: -1) }
        let huge = try FitSearch(pool: pool, size: .max, alignment: .max)
        #expect(huge.offset == nil && huge.looks.map(\.verdict) == [.tooSmall])
        let farAligned = try FitSearch(pool: pool, size: 1, alignment: .max)
        #expect(farAligned.offset == 0, "offset 0 is a multiple of every alignment")
    }
}
