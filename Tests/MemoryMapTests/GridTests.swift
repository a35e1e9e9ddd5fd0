import PoolAllocator
import Testing

@testable import MemoryMap

@Suite("Grid text safety and hostile sizes")
struct GridTests {
    @Test func textThatIsNotOneColumnPerCharacterIsReplaced() {
        var grid = Grid(width: 12, height: 1)
        let end = grid.put("a\tb\n漢😀e\u{301}x", row: 0, column: 0)
        #expect(grid.line(0) == "a b ??ex    ")
        #expect(end == 8)
        var box = Grid(width: 10, height: 1)
        box.put("█▒░▏▓→←×…│", row: 0, column: 0)
        #expect(box.line(0) == "█▒░▏▓→←×…│")
    }

    @Test func hostileNamesAndLogLinesKeepRowsAligned() throws {
        var pool = try MemoryPool(totalSize: 4096)
        let offset = try pool.alloc(100)!
        let model = ScreenModel(
            pool: pool, title: "名前\u{7}\u{1B}[31m", names: [offset: "テクスチャ😀\n"],
            selectedOffset: offset, log: [LogEntry("alloc \u{0}\u{1B}[2J 🚀", isError: true)])
        let grid = ScreenRenderer.render(model, width: 80, height: 24)
        for row in 0..<grid.height { #expect(grid.line(row).count == 80) }
        #expect(grid.cells.allSatisfy { $0.character.isSingleColumn })
        #expect(grid.text.contains("??????"))
    }

    @Test func poolsNearIntMaxRenderAtEverySize() throws {
        var pool = try MemoryPool(totalSize: Int.max)
        let big = try pool.alloc(Int.max / 3)!
        _ = try pool.allocAligned(1, alignment: 1 << 40)
        _ = try pool.alloc(Int.max / 4)
        for (width, height) in [(60, 16), (80, 24), (200, 60), (61, 17)] {
            for viewport in [
                MapViewport.fit, MapViewport(bytesPerCell: 1, firstByte: Int.max - 1),
                MapViewport(bytesPerCell: 1 << 50, firstByte: 1 << 60),
            ] {
                let model = ScreenModel(pool: pool, selectedOffset: big, viewport: viewport)
                let grid = ScreenRenderer.render(model, width: width, height: height)
                #expect(grid.text.contains("0x7ff") || grid.text.contains("0x0000000000000000"))
                let layout = ScreenLayout(model: model, width: width, height: height)
                _ = layout.block(
                    atRow: layout.mapTopRow + layout.mapRows - 1,
                    column: layout.mapColumn + layout.mapColumns - 1, in: pool, viewport: viewport)
            }
        }
        #expect(MapCells.textLine(of: pool, width: 64).count == 64)
    }
}
