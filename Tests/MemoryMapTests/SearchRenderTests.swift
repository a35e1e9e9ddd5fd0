import PoolAllocator
import Testing

@testable import MemoryMap
@testable import PoolText

/// The search made visible on the map and in the panel, the answer marker, and an app's own
/// side panel: one byte per cell, so every mark is exact.
@Suite("The search and the marker on the map")
struct SearchRenderTests {
    /// 64 bytes: a block at 0..<8, a hole of 4 at 8, a block at 12..<20, a hole of 12 at 20,
    /// a block at 32..<40, and 24 free bytes from 40.
    static func holes() throws -> MemoryPool {
        var pool = try MemoryPool(totalSize: 64)
        let offsets = try [8, 4, 8, 12, 8].map { try pool.alloc($0)! }
        try pool.free(offsets[1])
        try pool.free(offsets[3])
        return pool
    }

    static func mapLine(_ grid: Grid, _ layout: ScreenLayout) -> [Cell] {
        (0..<64).map { grid[layout.mapTopRow + $0 / layout.mapColumns, layout.mapColumn + $0 % layout.mapColumns] }
    }

    @Test func verdictsAndTheBlockLookedAtAreMarked() throws {
        let pool = try Self.holes()
        // 10 B at a multiple of 16: the hole at 8 is too small, 20..<32 has 12 B (misaligned:
        // from 32 nothing is left), 40..<64 fits at 48.
        let search = try FitSearch(pool: pool, size: 10, alignment: 16)
        #expect(search.looks.map(\.verdict) == [.tooSmall, .misaligned, .fits])
        let model = ScreenModel(pool: pool, animation: ScreenAnimation(search: SearchView(search: search, revealed: 2)))
        let layout = ScreenLayout(model: model, width: 100, height: 30)
        let grid = ScreenRenderer.render(model, width: 100, height: 30)
        let cells = Self.mapLine(grid, layout)
        #expect(cells[8..<12].allSatisfy { $0 == Cell("×", .tooSmall) })
        #expect(cells[20..<32].allSatisfy { $0 == Cell("≠", .misaligned) })
        #expect(cells[40..<64].allSatisfy { $0 == Cell("░", .candidate) }, "the block looked at now")
        #expect(cells[0..<8].allSatisfy { $0.character == "█" }, "live blocks keep their cells")
        let panel = grid.text
        #expect(panel.contains("Search · first fit"))
        #expect(panel.contains("alloc 10 B align 16 B"))
        #expect(panel.contains("× 0x0008 4 B too small"))
        #expect(panel.contains("≠ 0x0014 12 B misaligned"))
        #expect(panel.contains("▸ 0x0028 24 B looking"))
        #expect(!panel.contains("Stats"), "the listing takes the stats' place")

        let decided = ScreenModel(pool: pool, animation: ScreenAnimation(search: .decided(search)))
        let done = ScreenRenderer.render(decided, width: 100, height: 30)
        #expect(Self.mapLine(done, layout)[40..<64].allSatisfy { $0 == Cell("✓", .fits) })
        #expect(done.text.contains("first that fits: 0x0028"))
        #expect(done.text.contains("→ lands at 0x0030 (48)"))
        #expect(done.text.contains("  after 8 B of padding"))
    }

    @Test func aFailureAndNextFitsWrapAreListed() throws {
        var pool = try Self.holes()
        pool.policy = .next
        let search = try FitSearch(pool: pool, size: 30)
        let grid = ScreenRenderer.render(
            ScreenModel(pool: pool, animation: ScreenAnimation(search: .decided(search))), width: 100, height: 30)
        #expect(grid.text.contains("from the rover 0x0028"))
        #expect(grid.text.contains("↻ wraps to 0x0000"))
        #expect(grid.text.contains("→ fails: none fits"))
    }

    @Test func aLongListingKeepsItsNewestLines() throws {
        var pool = try MemoryPool(totalSize: 4096)
        let offsets = try (0..<64).map { _ in try pool.alloc(32)! }
        for offset in offsets where offset % 64 == 0 { try pool.free(offset) }
        let search = try FitSearch(pool: pool, size: 4000, policy: .best)
        #expect(search.looks.count == 33)
        let grid = ScreenRenderer.render(
            ScreenModel(pool: pool, animation: ScreenAnimation(search: .decided(search))), width: 80, height: 24)
        #expect(grid.text.contains("more above"))
        #expect(grid.text.contains("× 0x0800 2,048 B too small"), "the last block looked at")
        #expect(grid.text.contains("→ fails"))
    }

    @Test func theMarkerShowsWhereTheBlockWouldGo() throws {
        let pool = try Self.holes()
        // The hole 40..<64, a 10-byte block at 48: padding 40..<48, payload 48..<58.
        let model = ScreenModel(pool: pool, marker: MapMarker(bytes: 40..<64, offset: 48, size: 10))
        let layout = ScreenLayout(model: model, width: 100, height: 30)
        let cells = Self.mapLine(ScreenRenderer.render(model, width: 100, height: 30), layout)
        #expect(cells[40..<48].allSatisfy { $0 == Cell("▒", .answer) })
        #expect(cells[48..<58].allSatisfy { $0 == Cell("█", .answer) })
        #expect(cells[58..<64].allSatisfy { $0 == Cell("░", .answer) })
        #expect(cells[20..<32].allSatisfy { $0 == Cell("░", .free) })
        // A request larger than the hole is clipped to it.
        let big = ScreenModel(pool: pool, marker: MapMarker(bytes: 8..<12, offset: 8, size: 100))
        let clipped = Self.mapLine(ScreenRenderer.render(big, width: 100, height: 30), layout)
        #expect(clipped[8..<12].allSatisfy { $0 == Cell("█", .answer) })
        #expect(clipped[12].character == "█" && clipped[12].style != .answer, "the next block is not the marker's")
    }

    @Test func anAppsSidePanelReplacesTheStats() throws {
        let pool = try Self.holes()
        let model = ScreenModel(
            pool: pool, sidePanel: [PanelText("Quiz", .title), PanelText([.init("score ", .dim), .init("3/4")])])
        let grid = ScreenRenderer.render(model, width: 80, height: 24)
        #expect(grid.text.contains("│ Quiz"))
        #expect(grid.text.contains("│ score 3/4"))
        #expect(!grid.text.contains("Stats"))
    }
}
