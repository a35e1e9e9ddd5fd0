import PoolAllocator
import TestSupport
import Testing

@testable import PoolScript

@Suite("Block queries")
struct BlockQueryTests {
    // used 0..<100 (a), padding 100..<256 + used 256..<456 (b), free 456..<506,
    // used 506..<550 (d), free 550..<1024.
    let a = Block(offset: 0, size: 100, alignment: 1, padding: 0)
    let b = Block(offset: 256, size: 200, alignment: 256, padding: 156)
    let d = Block(offset: 506, size: 44, alignment: 1, padding: 0)

    @Test("blocks, firstBlock and lastBlock")
    func blockList() throws {
        let pool = try PoolErrorTests.layoutWithPaddingAndGaps()
        #expect(pool.blocks == [a, b, d])
        #expect(pool.firstBlock == a)
        #expect(pool.lastBlock == d)
        #expect(b.start == 100 && b.end == 456)

        let empty = try MemoryPool(totalSize: 64)
        #expect(empty.blocks.isEmpty)
        #expect(empty.firstBlock == nil)
        #expect(empty.lastBlock == nil)
    }

    @Test("block(at:) finds a block only by the offset alloc returned")
    func blockAt() throws {
        let pool = try PoolErrorTests.layoutWithPaddingAndGaps()
        #expect(pool.block(at: 0) == a)
        #expect(pool.block(at: 256) == b)
        #expect(pool.block(at: 506) == d)
        for offset in [1, 99, 100, 255, 257, 456, 550, 1023, 1024, -1, Int.min, Int.max] {
            #expect(pool.block(at: offset) == nil, "block(at: \(offset))")
        }
    }

    @Test("block(containing:) covers payload and padding, not free bytes")
    func blockContaining() throws {
        let pool = try PoolErrorTests.layoutWithPaddingAndGaps()
        let expected: [(Int, Block?)] = [
            (0, a), (99, a), (100, b), (255, b), (256, b), (455, b), (456, nil), (505, nil),
            (506, d), (549, d), (550, nil), (1023, nil), (1024, nil), (-1, nil), (Int.min, nil), (Int.max, nil),
        ]
        for (byte, block) in expected {
            #expect(pool.block(containing: byte) == block, "block(containing: \(byte))")
        }
    }

    @Test("block(after:) and block(before:) compare block offsets")
    func neighbours() throws {
        let pool = try PoolErrorTests.layoutWithPaddingAndGaps()
        let after: [(Int, Block?)] = [
            (Int.min, a), (-1, a), (0, b), (100, b), (255, b), (256, d), (300, d), (505, d), (506, nil),
            (1023, nil), (Int.max, nil),
        ]
        for (offset, block) in after {
            #expect(pool.block(after: offset) == block, "block(after: \(offset))")
        }
        let before: [(Int, Block?)] = [
            (Int.min, nil), (0, nil), (1, a), (256, a), (257, b), (506, b), (507, d), (1024, d), (Int.max, d),
        ]
        for (offset, block) in before {
            #expect(pool.block(before: offset) == block, "block(before: \(offset))")
        }
    }

    @Test(
        "queries agree with a search of the block list on random pools",
        arguments: [201 as UInt64, 202, 203])
    func randomAgreement(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let total = random.pick([100, 5000, 1 << 32])
        var pool = try MemoryPool(totalSize: total)
        for step in 0..<150 {
            if random.chance(70) || pool.blocks.isEmpty {
                _ = try pool.allocAligned(
                    1 + random.below(max(1, total / 30)),
                    alignment: random.pick([1, 1, 3, 48, 100, 256]))
            } else {
                try pool.free(random.pick(pool.blocks).offset)
            }
            let blocks = pool.blocks
            #expect(pool.firstBlock == blocks.first && pool.lastBlock == blocks.last, "seed \(seed) step \(step)")
            for _ in 0..<8 {
                let probe = probeOffset(&random, total: total, blocks: blocks)
                let note = "seed \(seed) step \(step) probe \(probe)"
                #expect(pool.block(at: probe) == blocks.first { $0.offset == probe }, "\(note)")
                #expect(
                    pool.block(containing: probe) == blocks.first { $0.start <= probe && probe < $0.end },
                    "\(note)")
                #expect(pool.block(after: probe) == blocks.first { $0.offset > probe }, "\(note)")
                #expect(pool.block(before: probe) == blocks.last { $0.offset < probe }, "\(note)")
            }
        }
    }

    /// Mostly offsets on or next to block boundaries, where off-by-one errors live.
    private func probeOffset(_ random: inout SplitMix64, total: Int, blocks: [Block]) -> Int {
        if blocks.isEmpty || random.chance(25) {
            return random.pick([-1, 0, total - 1, total, Int.min, Int.max, random.below(total)])
        }
        let block = random.pick(blocks)
        return random.pick([
            block.start, block.offset, block.end, block.end - 1, block.offset - 1,
            block.offset + 1, block.start - 1,
        ])
    }
}
