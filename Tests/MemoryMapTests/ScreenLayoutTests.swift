import Testing

@testable import MemoryMap

@Suite("Screen layout facts")
struct ScreenLayoutTests {
    @Test func theMinimumScreenHasEveryPart() {
        let layout = ScreenLayout(width: 60, height: 16, totalSize: 64 * 1024)
        #expect(!layout.isTooSmall)
        #expect(layout.mapRows == 8)
        #expect(layout.mapLabelWidth == 7)
        #expect(layout.mapColumns == 16, "a power of two: 60 - 26 - 1 - 7 = 26 columns are free")
        #expect(layout.overviewColumns == 60 - 7)
        #expect(layout.footerRow == 15 && layout.promptRow == 14)
        #expect(layout.logHeadingRow == layout.mapTopRow + layout.mapRows)
        #expect(layout.panelBottomRow == layout.promptRow)
    }

    @Test func biggerScreensGrowTheMapAndThePanel() {
        let small = ScreenLayout(width: 80, height: 24, totalSize: 1 << 20)
        let large = ScreenLayout(width: 200, height: 60, totalSize: 1 << 20)
        #expect(large.mapRows > small.mapRows && large.mapColumns > small.mapColumns)
        #expect(large.panelWidth == 36 && small.panelWidth == 30)
        #expect(large.mapLabelWidth == 8)  // 0xfffff
        #expect(large.mapRows == 60 - 3 - 7 - 2)
    }

    @Test func playbackLinesTakeRowsFromTheMap() {
        let plain = ScreenLayout(width: 80, height: 24, totalSize: 4096)
        let playback = ScreenLayout(width: 80, height: 24, totalSize: 4096, hasCaption: true, hasStatement: true)
        #expect(playback.mapRows == plain.mapRows - 2)
        #expect(playback.captionRow == 20 && playback.statementRow == 21)
        #expect(plain.captionRow == nil && plain.statementRow == nil)
    }

    @Test func tooSmallBelowEitherMinimum() {
        #expect(ScreenLayout(width: 59, height: 40, totalSize: 10).isTooSmall)
        #expect(ScreenLayout(width: 200, height: 15, totalSize: 10).isTooSmall)
        #expect(ScreenLayout(width: -1, height: -1, totalSize: 10).isTooSmall)
        #expect(ScreenLayout(width: 59, height: 40, totalSize: 10).hit(row: 5, column: 20) == nil)
    }

    @Test func hitsNameMapAndOverviewCells() {
        let layout = ScreenLayout(width: 80, height: 24, totalSize: 4096)
        #expect(layout.hit(row: layout.mapTopRow, column: layout.mapColumn) == .map(cell: 0))
        #expect(
            layout.hit(row: layout.mapTopRow + 1, column: layout.mapColumn + 2) == .map(cell: layout.mapColumns + 2))
        #expect(layout.hit(row: layout.overviewRow, column: layout.overviewColumn + 3) == .overview(cell: 3))
        #expect(layout.hit(row: layout.mapTopRow, column: layout.mapColumn + layout.mapColumns) == nil)
        #expect(layout.hit(row: layout.mapTopRow + layout.mapRows, column: layout.mapColumn) == nil)
        #expect(layout.hit(row: 0, column: 10) == nil)
    }
}
