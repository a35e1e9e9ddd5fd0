import PoolAllocator
import TestSupport
import Testing

@testable import PoolScript

/// `usage(in:)` clamps the range to the pool: bytes outside `0 ..< totalSize` are not counted.
@Suite("Range usage")
struct RangeUsageTests {
    /// The answer by brute force over `regions` and `blocks`, clamping to the pool.
    static func expectedUsage(_ pool: MemoryPool, _ range: Range<Int>) -> RangeUsage {
        let low = max(0, range.lowerBound), high = min(pool.totalSize, range.upperBound)
        var usage = RangeUsage(usedBytes: 0, paddingBytes: 0, freeBytes: 0, blockCount: 0, blocksBefore: 0)
        guard low < high else { return usage }
        for region in pool.regions {
            let overlap = max(0, min(high, region.end) - max(low, region.offset))
            switch region.kind {
            case .used: usage.usedBytes += overlap
            case .padding: usage.paddingBytes += overlap
            case .free: usage.freeBytes += overlap
            }
        }
        let blocks = pool.blocks
        usage.blockCount = blocks.filter { $0.start < high && $0.end > low }.count
        usage.blocksBefore = blocks.filter { $0.end <= low }.count
        return usage
    }

    @Test("a fixed layout: payload, padding, free, touching blocks and blocks before")
    func fixedLayout() throws {
        // used 0..<100, padding 100..<256, used 256..<456, free 456..<506, used 506..<550, free 550..<1024.
        let pool = try PoolErrorTests.layoutWithPaddingAndGaps()
        let cases: [(Range<Int>, RangeUsage)] = [
            (0..<1024, RangeUsage(usedBytes: 344, paddingBytes: 156, freeBytes: 524, blockCount: 3, blocksBefore: 0)),
            (50..<300, RangeUsage(usedBytes: 94, paddingBytes: 156, freeBytes: 0, blockCount: 2, blocksBefore: 0)),
            (100..<101, RangeUsage(usedBytes: 0, paddingBytes: 1, freeBytes: 0, blockCount: 1, blocksBefore: 1)),
            (456..<506, RangeUsage(usedBytes: 0, paddingBytes: 0, freeBytes: 50, blockCount: 0, blocksBefore: 2)),
            (455..<507, RangeUsage(usedBytes: 2, paddingBytes: 0, freeBytes: 50, blockCount: 2, blocksBefore: 1)),
            (600..<1024, RangeUsage(usedBytes: 0, paddingBytes: 0, freeBytes: 424, blockCount: 0, blocksBefore: 3)),
            // Partly outside: clamped to the pool.
            (-100..<10, RangeUsage(usedBytes: 10, paddingBytes: 0, freeBytes: 0, blockCount: 1, blocksBefore: 0)),
            (1000..<5000, RangeUsage(usedBytes: 0, paddingBytes: 0, freeBytes: 24, blockCount: 0, blocksBefore: 3)),
            (
                Int.min..<Int.max,
                RangeUsage(
                    usedBytes: 344, paddingBytes: 156, freeBytes: 524, blockCount: 3,
                    blocksBefore: 0)
            ),
        ]
        for (range, expected) in cases {
            #expect(pool.usage(in: range) == expected, "usage(in: \(range))")
            #expect(Self.expectedUsage(pool, range) == expected, "brute force disagrees on \(range)")
        }
    }

    @Test("regions(in:) cuts the regions at the range's ends, clamped to the pool")
    func regionsInRange() throws {
        let pool = try PoolErrorTests.layoutWithPaddingAndGaps()
        #expect(pool.regions(in: 50..<300) == [.used(50, 100), .padding(100, 256), .used(256, 300)])
        #expect(pool.regions(in: 456..<506) == [.free(456, 506)])
        #expect(pool.regions(in: -10..<5) == [.used(0, 5)])
        #expect(pool.regions(in: 1000..<Int.max) == [.free(1000, 1024)])
        #expect(pool.regions(in: Int.min..<Int.max) == pool.regions)
        #expect(pool.regions(in: 300..<300).isEmpty)
        #expect(pool.regions(in: 2000..<3000).isEmpty)
        #expect(pool.regions(in: Int.min ..< -5).isEmpty)
    }

    @Test("empty ranges, and ranges wholly outside the pool, count nothing")
    func emptyRanges() throws {
        let pool = try PoolErrorTests.layoutWithPaddingAndGaps()
        for range in [
            0..<0, 300..<300, 1024..<1024, 1024..<4096, -50..<0, Int.min ..< -1,
            Int.max..<Int.max,
        ] {
            let usage = pool.usage(in: range)
            // `blocksBefore` is left unspecified for an empty range.
            #expect(
                usage.totalBytes == 0 && usage.usedBytes == 0 && usage.paddingBytes == 0
                    && usage.freeBytes == 0 && usage.blockCount == 0, "usage(in: \(range)) = \(usage)")
        }
    }

    @Test("random ranges agree with a brute-force count over regions", arguments: [301 as UInt64, 302, 303, 304])
    func randomRanges(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let total = random.pick([64, 3000, 1 << 20, 3 << 30])
        var pool = try MemoryPool(totalSize: total)
        for step in 0..<120 {
            if random.chance(70) || pool.blocks.isEmpty {
                _ = try pool.allocAligned(
                    1 + random.below(max(1, total / 25)),
                    alignment: random.pick([1, 1, 3, 48, 100, 256, 4096]))
            } else {
                try pool.free(random.pick(pool.blocks).offset)
            }
            for _ in 0..<6 {
                let range = randomRange(&random, total: total, boundaries: pool.regions.map(\.offset))
                let usage = pool.usage(in: range)
                let expected = Self.expectedUsage(pool, range)
                let note = "seed \(seed) step \(step) range \(range)"
                let clipped = pool.regions.compactMap { region -> Region? in
                    let low = max(region.offset, range.lowerBound), high = min(region.end, range.upperBound)
                    return low < high ? Region(offset: low, size: high - low, kind: region.kind) : nil
                }
                #expect(pool.regions(in: range) == clipped, "regions(in:), \(note)")
                if range.clamped(to: 0..<total).isEmpty {
                    #expect(usage.totalBytes == 0 && usage.blockCount == 0, "\(note)")
                } else {
                    #expect(usage == expected, "\(note)")
                }
            }
        }
    }

    /// Endpoints near region boundaries, the pool's ends, outside it, or anywhere.
    private func randomRange(_ random: inout SplitMix64, total: Int, boundaries: [Int]) -> Range<Int> {
        func endpoint() -> Int {
            switch random.below(4) {
            case 0: return random.pick(boundaries) + random.pick([-1, 0, 0, 1])
            case 1: return random.pick([0, total, -1, total + 1, -total, 2 * total])
            default: return random.below(total + 1)
            }
        }
        let x = endpoint(), y = endpoint()
        return min(x, y)..<max(x, y)
    }
}
