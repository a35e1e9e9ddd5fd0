import PoolAllocator
import Testing

@testable import MemoryMap

@Suite("The cell rule")
struct MapCellsTests {
    private func usage(used: Int, padding: Int, free: Int) -> RangeUsage {
        RangeUsage(usedBytes: used, paddingBytes: padding, freeBytes: free, blockCount: 0, blocksBefore: 0)
    }

    @Test func pluralityWinsAndTiesGoUsedThenPaddingThenFree() {
        #expect(MapCells.kind(of: usage(used: 3, padding: 2, free: 2)) == .used)
        #expect(MapCells.kind(of: usage(used: 1, padding: 1, free: 1)) == .used)
        #expect(MapCells.kind(of: usage(used: 2, padding: 0, free: 2)) == .used)
        #expect(MapCells.kind(of: usage(used: 0, padding: 2, free: 2)) == .padding)
        #expect(MapCells.kind(of: usage(used: 1, padding: 2, free: 3)) == .free)
        #expect(MapCells.kind(of: usage(used: 1, padding: 3, free: 2)) == .padding)
        #expect(MapCells.kind(of: usage(used: 0, padding: 0, free: 5)) == .free)
    }

    @Test func cellsTileTheRangeByIntegerDivision() {
        // 10 bytes over 4 cells: boundaries 0, 2, 5, 7, 10.
        let bounds = (0...4).map { MapCells.boundary($0, of: 4, over: 0..<10) }
        #expect(bounds == [0, 2, 5, 7, 10])
        let shifted = (0...4).map { MapCells.boundary($0, of: 4, over: 100..<110) }
        #expect(shifted == [100, 102, 105, 107, 110])
    }

    @Test func fewerBytesThanCellsGivesOneBytePerCell() throws {
        var pool = try MemoryPool(totalSize: 5)
        _ = try pool.alloc(2)
        let cells = MapCells.cells(of: pool, in: 0..<5, count: 64)
        #expect(cells.count == 5)
        #expect(cells.map(\.bytes) == [0..<1, 1..<2, 2..<3, 3..<4, 4..<5])
        #expect(MapCells.textLine(of: pool, width: 64) == "██░░░")
    }

    @Test func textLineHasExactlyWidthCharactersOfThreeGlyphs() throws {
        var pool = try MemoryPool(totalSize: 1 << 20)
        _ = try pool.alloc(1000)
        _ = try pool.allocAligned(100, alignment: 4096)
        for width in [1, 20, 64, 200, 1000] {
            let line = MapCells.textLine(of: pool, width: width)
            #expect(line.count == width)
            #expect(line.allSatisfy { "█▒░".contains($0) })
        }
        #expect(MapCells.textLine(of: pool, width: 0) == "")
        #expect(MapCells.textLine(of: pool, width: -3) == "")
    }

    @Test func paddingAndUsedShowInTheLine() throws {
        var pool = try MemoryPool(totalSize: 16)
        _ = try pool.alloc(1)  // byte 0
        _ = try pool.allocAligned(4, alignment: 8)  // padding 1..<8, used 8..<12
        #expect(MapCells.textLine(of: pool, width: 16) == "█▒▒▒▒▒▒▒████░░░░")
        // 2 bytes per cell: [0,2) is 1 used + 1 padding → used by the tie rule.
        #expect(MapCells.textLine(of: pool, width: 8) == "█▒▒▒██░░")
    }

    @Test func aOneByteBlockIsNeverHidden() throws {
        var pool = try MemoryPool(totalSize: 1 << 20)
        _ = try pool.alloc(1)
        let cells = MapCells.cells(of: pool, in: 0..<pool.totalSize, count: 64)
        #expect(cells[0].kind == .free)
        #expect(cells[0].hidesUsedBytes)
        #expect(!cells[1].hidesUsedBytes)
    }

    @Test func hugePoolsDoNotOverflow() throws {
        let total = Int.max
        let bounds = (0...7).map { MapCells.boundary($0, of: 7, over: 0..<total) }
        #expect(bounds.first == 0)
        #expect(bounds.last == total)
        #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 })
        #expect(MapCells.boundary(1, of: 2, over: 0..<total) == total / 2)
        var pool = try MemoryPool(totalSize: total)
        _ = try pool.alloc(total / 2 + 1)
        #expect(MapCells.textLine(of: pool, width: 2) == "█░")
        #expect(MapCells.cell(holding: total - 1, of: 200, over: 0..<total) == 199)
        #expect(MapCells.cell(holding: 0, of: 200, over: 0..<total) == 0)
    }

    @Test func cellHoldingInvertsTheBoundaries() {
        for (bytes, count) in [(0..<10, 4), (0..<1000, 7), (37..<1037, 200), (0..<5, 5), (0..<3, 3)] {
            for i in 0..<count {
                let range = MapCells.range(ofCell: i, of: count, over: bytes)
                for offset in range {
                    #expect(MapCells.cell(holding: offset, of: count, over: bytes) == i)
                }
            }
            #expect(MapCells.cell(holding: bytes.upperBound, of: count, over: bytes) == nil)
            #expect(MapCells.cell(holding: bytes.lowerBound - 1, of: count, over: bytes) == nil)
        }
    }
}
