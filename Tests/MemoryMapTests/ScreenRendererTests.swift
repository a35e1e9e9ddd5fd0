import PoolAllocator
import Testing

@testable import MemoryMap
@testable import PoolText

@Suite("Screen renderer: styles, hit-testing, animation")
struct ScreenRendererTests {
    /// Every map cell (row-major) of `grid` under `layout`.
    private func mapCells(_ grid: Grid, _ layout: ScreenLayout) -> [Cell] {
        (0..<layout.mapRows).flatMap { row in
            (0..<layout.mapColumns).map { grid[layout.mapTopRow + row, layout.mapColumn + $0] }
        }
    }

    @Test func aOneByteBlockShowsAsASliver() throws {
        var pool = try MemoryPool(totalSize: 1 << 20)
        _ = try pool.alloc(1)
        let model = ScreenModel(pool: pool)
        let grid = ScreenRenderer.render(model, width: 80, height: 24)
        let layout = ScreenLayout(model: model, width: 80, height: 24)
        let first = grid[layout.mapTopRow, layout.mapColumn]
        #expect(first == Cell("▏", .sliver))
        #expect(grid[layout.overviewRow, layout.overviewColumn] == Cell("▏", .sliver))
        let drawn = layout.mapGeometry(totalSize: pool.totalSize, viewport: .fit).cellCount
        #expect(mapCells(grid, layout).prefix(drawn).dropFirst().allSatisfy { $0 == Cell("░", .free) })
    }

    @Test func neighboursAlternateAndMonochromeUsesAGlyph() throws {
        let pool = try Scenes.packed(total: 64, count: 4, size: 16)  // 1 byte per cell
        let colour = ScreenRenderer.render(ScreenModel(pool: pool), width: 80, height: 24)
        let layout = ScreenLayout(width: 80, height: 24, totalSize: 64)
        let cells = mapCells(colour, layout).prefix(64)
        #expect(cells.map(\.style) == (0..<64).map { .used(alternate: ($0 / 16) % 2 == 1) })
        #expect(cells.allSatisfy { $0.character == "█" })
        let mono = ScreenRenderer.render(ScreenModel(pool: pool, monochrome: true), width: 80, height: 24)
        let glyphs = String(mapCells(mono, layout).prefix(64).map(\.character))
        #expect(
            glyphs == String(repeating: "█", count: 16) + String(repeating: "▓", count: 16)
                + String(repeating: "█", count: 16) + String(repeating: "▓", count: 16))
    }

    @Test func theSelectedBlockAndOnlyItIsSelected() throws {
        let pool = try Scenes.packed(total: 64, count: 4, size: 16)
        let model = ScreenModel(pool: pool, selectedOffset: 16)
        let layout = ScreenLayout(model: model, width: 80, height: 24)
        let cells = mapCells(ScreenRenderer.render(model, width: 80, height: 24), layout).prefix(64)
        let selected = cells.indices.filter { cells[$0].style == .selected }
        #expect(selected == Array(16..<32))
    }

    @Test func paddingIsDrawnAsPadding() throws {
        var pool = try MemoryPool(totalSize: 64)
        _ = try pool.alloc(1)
        _ = try pool.allocAligned(8, alignment: 16)
        let model = ScreenModel(pool: pool)
        let layout = ScreenLayout(model: model, width: 80, height: 24)
        let line = String(
            mapCells(ScreenRenderer.render(model, width: 80, height: 24), layout).prefix(64).map(\.character))
        #expect(
            line == "█" + String(repeating: "▒", count: 15) + String(repeating: "█", count: 8)
                + String(repeating: "░", count: 40))
    }

    @Test func failuresInTheLogAreErrorsInWords() throws {
        var pool = try MemoryPool(totalSize: 1024)
        _ = try pool.alloc(1000)
        let message = AllocationFailure.message(size: 512, stats: pool.stats)
        let log = [LogEntry("alloc 1000 B → 0x0000"), LogEntry(message, isError: true)]
        let model = ScreenModel(pool: pool, log: log)
        let grid = ScreenRenderer.render(model, width: 120, height: 30)
        let row = (0..<grid.height).first { grid.line($0).contains("failed") }
        let errorRow = try #require(row)
        #expect(grid.line(errorRow).contains("! alloc 512 B failed: only 24 B free"))
        #expect(grid[errorRow, 0].style == .error)
        #expect(grid.text.contains("alloc 1000 B → 0x0000"))
    }

    @Test func clicksFindTheBlockUnderThem() throws {
        let pool = try Scenes.packed(total: 64, count: 4, size: 16)
        let model = ScreenModel(pool: pool)
        let layout = ScreenLayout(model: model, width: 80, height: 24)
        func block(_ row: Int, _ column: Int, _ layout: ScreenLayout = layout) -> Block? {
            layout.block(atRow: row, column: column, in: pool, viewport: model.viewport)
        }
        func bytes(_ row: Int, _ column: Int) -> Range<Int>? {
            layout.bytes(atRow: row, column: column, totalSize: pool.totalSize, viewport: model.viewport)
        }
        #expect(block(layout.mapTopRow, layout.mapColumn + 20)?.offset == 16)
        #expect(bytes(layout.mapTopRow, layout.mapColumn + 20) == 20..<21)
        // The overview bar is the whole pool too.
        #expect(block(layout.overviewRow, layout.overviewColumn + 50)?.offset == 48)
        // Labels, the panel and the footer are not the map.
        #expect(bytes(layout.mapTopRow, 0) == nil)
        #expect(bytes(layout.footerRow, 10) == nil)
        #expect(bytes(layout.mapTopRow, layout.panelColumn + 2) == nil)
        // Past the end of a short map, and when the screen is too small.
        #expect(bytes(layout.mapTopRow + 3, layout.mapColumn) == nil)
        #expect(block(3, 10, ScreenLayout(model: model, width: 40, height: 10)) == nil)
    }

    @Test func aClickOnAFreeCellFindsABlockStartingInsideIt() throws {
        var pool = try MemoryPool(totalSize: 1 << 20)
        _ = try pool.alloc(100)
        let second = try pool.alloc(100)!
        try pool.free(0)
        let model = ScreenModel(pool: pool)
        let layout = ScreenLayout(model: model, width: 80, height: 24)
        let block = layout.block(atRow: layout.mapTopRow, column: layout.mapColumn, in: pool, viewport: .fit)
        #expect(block?.offset == second)
        let empty = layout.block(atRow: layout.mapTopRow + 2, column: layout.mapColumn, in: pool, viewport: .fit)
        #expect(empty == nil)
    }

    @Test func appearingAndFadingBlocksAreStyled() throws {
        var pool = try Scenes.packed(total: 64, count: 2, size: 16)
        try pool.free(0)
        let model = ScreenModel(pool: pool, animation: ScreenAnimation(appearing: [16..<32], fading: [0..<16]))
        let layout = ScreenLayout(model: model, width: 80, height: 24)
        let cells = mapCells(ScreenRenderer.render(model, width: 80, height: 24), layout)
        #expect(cells[0..<16].allSatisfy { $0 == Cell("░", .fading) })
        #expect(cells[16..<32].allSatisfy { $0 == Cell("█", .appearing) })
        #expect(cells[32..<64].allSatisfy { $0 == Cell("░", .free) })
    }

    @Test func aSlideMovesBlocksFromOldToNewOffsets() throws {
        var pool = try MemoryPool(totalSize: 64)
        _ = try pool.alloc(16)
        _ = try pool.alloc(16)
        try pool.free(0)
        let moves = pool.defragment()  // 16 → 0
        var model = ScreenModel(pool: pool)
        model.animation.slide = SlideAnimation(moves: moves, in: pool, progress: 0)
        let layout = ScreenLayout(model: model, width: 80, height: 24)
        func line(_ progress: Double) -> [Cell] {
            model.animation.slide?.progress = progress
            return Array(mapCells(ScreenRenderer.render(model, width: 80, height: 24), layout).prefix(64))
        }
        let start = line(0)
        #expect(start[0..<16].allSatisfy { $0.character == "░" })
        #expect(start[16..<32].allSatisfy { $0 == Cell("█", .moving) })
        let half = line(0.5)
        #expect(half[0..<8].allSatisfy { $0.character == "░" })
        #expect(half[8..<24].allSatisfy { $0 == Cell("█", .moving) })
        #expect(half[24..<64].allSatisfy { $0.character == "░" })
        let end = line(1)
        #expect(end[0..<16].allSatisfy { $0 == Cell("█", .used(alternate: false)) })
    }

    @Test func aSlideEndsAfterItsTicksFromAnyProgress() throws {
        var pool = try Scenes.packed(total: 64, count: 2, size: 16)
        try pool.free(0)
        let moves = pool.defragment()
        var slide = SlideAnimation(moves: moves, in: pool, progress: 0)
        var seen: [Double] = []
        while slide.advance() { seen.append(slide.progress) }
        #expect(seen == (1..<SlideAnimation.ticks).map { Double($0) / Double(SlideAnimation.ticks) })
        for progress in [-3, 1, 7, .nan, .infinity, -.infinity] as [Double] {
            var odd = SlideAnimation(moves: moves, in: pool, progress: progress)
            #expect(odd.advance() == (progress < 0), "progress \(progress)")
        }
    }

    @Test func tooManyMovesShowTheEndStateAtOnce() throws {
        let count = SlideAnimation.maximumAnimatedMoves + 2
        var pool = try Scenes.packed(total: count * 2 + 2, count: count + 1, size: 2)
        try pool.free(0)
        let moves = pool.defragment()
        let slide = SlideAnimation(moves: moves, in: pool, progress: 0.5)
        #expect(!slide.isAnimated)
        #expect(slide.movedBlockCount == 0)
        let model = ScreenModel(pool: pool, animation: ScreenAnimation(slide: slide))
        let still = ScreenModel(pool: pool)
        #expect(
            ScreenRenderer.render(model, width: 80, height: 24) == ScreenRenderer.render(still, width: 80, height: 24))
    }

    @Test func tooSmallScreensSayWhatTheyNeed() throws {
        let model = try Scenes.explorer()
        for (width, height) in [(59, 40), (200, 15), (16, 5), (30, 8)] {
            let text = ScreenRenderer.render(model, width: width, height: height).text
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            #expect(words == "Terminal too small: \(width)×\(height). poolmap needs at least 60×16.")
        }
        for (width, height) in [(0, 0), (-5, 3), (3, -1), (1, 1), (15, 4)] {
            let grid = ScreenRenderer.render(model, width: width, height: height)
            #expect(grid.width == max(0, width) && grid.height == max(0, height))
        }
        #expect(!ScreenRenderer.render(model, width: 60, height: 16).text.contains("too small"))
    }

    @Test func theStatsPanelShowsEveryFigure() throws {
        let model = try Scenes.explorer()
        let text = ScreenRenderer.render(model, width: 120, height: 30).text
        for label in ["total", "used", "free", "padding", "blocks", "free blocks", "largest free", "frag", "trend"] {
            #expect(text.contains(label), "missing \(label)")
        }
        #expect(text.contains("45.07 KiB (46,152 B)"))
        #expect(text.contains("mesh"))
        #expect(text.contains("#1 of 3"))
        #expect(text.contains("▁▁▁▂▃▁"))
    }

    @Test func thePromptCursorFollowsTheTypedText() throws {
        var model = try Scenes.explorer()
        #expect(ScreenRenderer.promptCursor(of: model, width: 80, height: 24) == nil)
        model.prompt = PromptLine(label: "alloc size", text: "4Ki")
        let cursor = try #require(ScreenRenderer.promptCursor(of: model, width: 80, height: 24))
        let grid = ScreenRenderer.render(model, width: 80, height: 24)
        #expect(cursor.row == 22)
        #expect(grid[cursor.row, cursor.column] == Cell("_", .key))
        #expect(grid.line(cursor.row).hasPrefix(" alloc size: 4Ki_  Enter confirms"))
    }

    @Test func renderingIsDeterministic() throws {
        let model = try Scenes.explorer()
        #expect(
            ScreenRenderer.render(model, width: 97, height: 33) == ScreenRenderer.render(model, width: 97, height: 33))
    }

    @Test func sparklineLevels() {
        #expect(Sparkline.text([0, 0.125, 0.25, 0.5, 0.99, 1, .nan, -1, 7], width: 20) == "▁▂▃▅██▁▁█")
        #expect(Sparkline.text([0, 1, 0.5], width: 2) == "█▅")
        #expect(Sparkline.text([0.3], width: 0) == "")
    }

    @Test func textLineMatchesTheMapAtOneRow() throws {
        // The headless line and the overview bar follow the same rule.
        let model = try Scenes.explorer()
        let layout = ScreenLayout(model: model, width: 80, height: 24)
        let grid = ScreenRenderer.render(model, width: 80, height: 24)
        let overview = (0..<layout.overviewColumns).map { grid[layout.overviewRow, layout.overviewColumn + $0] }
        let line = MapCells.textLine(of: model.pool, width: layout.overviewColumns)
        for (cell, glyph) in zip(overview, line) where cell.character != "▏" {
            #expect(
                cell.character == glyph || (cell.character == "▓" && glyph == "█"),
                "\(String(overview.map(\.character))) vs \(line)")
        }
    }
}
