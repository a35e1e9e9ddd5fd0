import PoolAllocator
import PoolText

/// Where the comparison view puts things on a screen of `width` × `height`.
///
/// From the top: title bar, timeline, the bands (a heading row and at least one map row each),
/// the event log (or, at the end, the ranking), the caption, the status or prompt line, the
/// footer. Below 60×16 only the too-small message is drawn.
package struct ComparisonLayout: Equatable, Sendable {
    package let width: Int
    package let height: Int
    package let isTooSmall: Bool
    /// The timeline's row, and where its cells start and how many there are.
    package let timelineRow = 1
    package let timelineColumn: Int
    package let timelineColumns: Int
    /// The first row of the first band, and rows per band (heading included, at least 2).
    package let bandsTopRow = 2
    package let bandRows: Int
    /// Map rows a band shows, and its map's label width and cells per row.
    package let mapLabelWidth: Int
    package let mapColumns: Int
    /// The log's (or ranking's) first row and how many rows it has.
    package let logTopRow: Int
    package let logRows: Int
    package let captionRow: Int
    package let statusRow: Int
    package let footerRow: Int

    /// - Parameters:
    ///   - bands: how many bands there are (2 to 4).
    ///   - totalSize: the largest pool's size (labels are as wide as its offsets).
    ///   - ranking: rows the ranking needs at the end (its heading included), 0 while playing.
    package init(width: Int, height: Int, bands: Int, totalSize: Int, ranking: Int = 0) {
        self.width = max(0, width)
        self.height = max(0, height)
        let bands = max(1, bands)
        let w = max(width, ScreenLayout.minimumWidth), h = max(height, ScreenLayout.minimumHeight)
        mapLabelWidth = HexOffset.digits(forPoolSize: totalSize) + 3
        timelineColumn = mapLabelWidth
        timelineColumns = max(0, w - mapLabelWidth)
        mapColumns = ScreenLayout.powerOfTwo(atMost: w - mapLabelWidth)
        footerRow = h - 1
        statusRow = h - 2
        captionRow = h - 3
        let available = captionRow - bandsTopRow  // bands and log share these rows
        let wantedLog = max(2, ranking)
        bandRows = max(2, min(8, (available - wantedLog) / bands))
        logTopRow = bandsTopRow + bands * bandRows
        logRows = max(0, captionRow - logTopRow)
        isTooSmall =
            width < ScreenLayout.minimumWidth || height < ScreenLayout.minimumHeight
            || logTopRow > captionRow
    }

    /// The row of band `index`'s heading.
    package func bandRow(_ index: Int) -> Int { bandsTopRow + index * bandRows }

    /// The position a click at (`row`, `column`) on the timeline seeks to, or nil.
    package func timelinePosition(atRow row: Int, column: Int, of timeline: TimelineModel) -> Int? {
        guard !isTooSmall, row == timelineRow, column >= timelineColumn else { return nil }
        let count = timeline.cellCount(columns: timelineColumns)
        let index = column - timelineColumn
        guard index < count else { return nil }
        return timeline.position(ofCell: index, of: count)
    }
}

extension ScreenRenderer {
    /// Draws the comparison view (see `ComparisonLayout`).
    /// - Complexity: O(bands · C · log n) for C map cells a band, plus the timeline.
    public static func render(_ model: ComparisonModel, width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        let layout = comparisonLayout(model, width: width, height: height)
        if layout.isTooSmall {
            drawTooSmall(into: &grid)
            return grid
        }
        grid.fill(row: 0, column: 0, count: grid.width, with: Cell(" ", .title))
        grid.put(" " + model.title, row: 0, column: 0, style: .title, maxWidth: grid.width)
        if let timeline = model.timeline {
            drawTimeline(
                timeline, row: layout.timelineRow, column: layout.timelineColumn, columns: layout.timelineColumns,
                into: &grid)
        }
        for (index, band) in model.bands.enumerated() {
            drawBand(band, top: layout.bandRow(index), layout: layout, monochrome: model.monochrome, into: &grid)
        }
        if let ranking = model.ranking {
            drawRanking(ranking, rankedBy: model.rankedBy, layout: layout, into: &grid)
        } else {
            drawComparisonLog(model.log, layout: layout, into: &grid)
        }
        grid.put(" " + model.caption, row: layout.captionRow, column: 0, style: .emphasis)
        if let prompt = model.prompt {
            var column = grid.put(" " + prompt.label + ": ", row: layout.statusRow, column: 0, style: .prompt)
            column = grid.put(prompt.text, row: layout.statusRow, column: column, style: .prompt)
            column = grid.put("_", row: layout.statusRow, column: column, style: .key)
            grid.put(
                "  " + (prompt.error ?? "Enter confirms · Esc cancels"), row: layout.statusRow, column: column,
                style: prompt.error == nil ? .dim : .error)
        } else {
            grid.put(" > " + model.statement, row: layout.statusRow, column: 0, style: .dim)
        }
        drawFooter(model.footerKeys, row: layout.footerRow, into: &grid)
        if model.isHelpOpen { drawHelp(model.helpKeys, into: &grid) }
        return grid
    }

    /// The layout `model` is drawn with on a `width` × `height` screen.
    package static func comparisonLayout(_ model: ComparisonModel, width: Int, height: Int) -> ComparisonLayout {
        ComparisonLayout(
            width: width, height: height, bands: model.bands.count,
            totalSize: model.bands.map(\.pool.totalSize).max() ?? 1,
            ranking: model.ranking.map { $0.count + 1 } ?? 0)
    }

    /// A band: `#1 first fit  used 45%  frag 12.3%  largest free 1.2 KiB  failed 3` (and `░ rover`
    /// under next fit), then its map.
    static func drawBand(
        _ band: ComparisonModel.Band, top: Int, layout: ComparisonLayout, monochrome: Bool, into grid: inout Grid
    ) {
        let stats = band.heap?.stats ?? band.pool.stats
        let style: CellStyle = band.isFlashing ? .error : .emphasis
        var column = grid.put(band.rank.map { " #\($0) " } ?? " ", row: top, column: 0, style: .title)
        column = grid.put(band.name, row: top, column: column, style: style)
        let figures =
            band.figuresText.map { "  " + $0 }
            ?? "  used \(NumberText.wholePercent(stats.used, of: stats.total))"
            + "  frag \(NumberText.percent(stats.fragmentation))"
            + "  largest free \(ByteSize.format(stats.largestFree))"
            + "  failed \(NumberText.grouped(band.failedAllocations))"
        column = grid.put(figures, row: top, column: column, style: band.isFlashing ? .error : .dim)
        // Next fit's rover, marked on its cell as in the explorer, named where a legend would be.
        let rover = band.pool.policy == .next ? band.pool.rover : nil
        if rover != nil {
            column = grid.put("  ", row: top, column: column, style: .dim)
            column = grid.put("░", row: top, column: column, style: .rover)
            grid.put(" rover", row: top, column: column, style: .dim)
        }
        var model = ScreenModel(pool: band.pool, rover: rover, animation: band.animation, monochrome: monochrome)
        model.recordedLayout = band.recordedLayout
        if let heap = band.heap {
            drawBandMap(HeapCellPainter(model: model, heap: heap), band, top: top, layout: layout, into: &grid)
        } else {
            drawBandMap(MapCellPainter(model: model), band, top: top, layout: layout, into: &grid)
        }
    }

    /// A band's map below its heading, its cells from `painter`; rows labelled by offset (a
    /// heap's: by address, in decimal).
    static func drawBandMap<Painter: MapPainting>(
        _ painter: Painter, _ band: ComparisonModel.Band, top: Int, layout: ComparisonLayout, into grid: inout Grid
    ) {
        let rows = layout.bandRows - 1
        let geometry = MapGeometry(
            totalSize: band.pool.totalSize, viewport: .fit, rows: rows, columns: layout.mapColumns)
        let cells = painter.cells(of: geometry, from: 0, count: geometry.cellCount)
        drawMapRows(
            cells, geometry: geometry, rows: rows, top: top + 1, labelWidth: layout.mapLabelWidth,
            column: layout.mapLabelWidth, columns: layout.mapColumns, heapBase: band.heap?.baseAddress, into: &grid)
    }

    /// The newest events that fit, oldest first; failures marked `!`.
    static func drawComparisonLog(_ log: [LogEntry], layout: ComparisonLayout, into grid: inout Grid) {
        for (index, entry) in log.suffix(layout.logRows).enumerated() {
            grid.put(
                (entry.isError ? "! " : "  ") + entry.text, row: layout.logTopRow + index, column: 0,
                style: entry.isError ? .error : .plain)
        }
    }

    /// The ranking table, best first, as many rows as fit: the figures it ranks by in their
    /// order (the largest free block at the end), then utilization and heap fragmentation.
    static func drawRanking(
        _ ranking: [ComparisonModel.RankRow], rankedBy: String, layout: ComparisonLayout, into grid: inout Grid
    ) {
        guard layout.logRows > 0 else { return }
        let header = ["rank", rankedBy, "failed", "high water", "peak frag", "largest free", "util", "heap frag"]
        let rows = ranking.enumerated().map { index, row in
            [
                "#\(index + 1)", row.name, NumberText.grouped(row.failedAllocations),
                ByteSize.format(row.figures.highWater), NumberText.percent(row.peakFragmentation),
                ByteSize.format(row.largestFree), PoolFigures.percentText(row.figures.utilization),
                PoolFigures.percentText(row.figures.heapFragmentation),
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for (index, cells) in ([header] + rows).prefix(layout.logRows).enumerated() {
            var text = " "
            for (cell, width) in zip(cells, widths) {
                text += cell + String(repeating: " ", count: width - cell.count + 2)
            }
            grid.put(text, row: layout.logTopRow + index, column: 0, style: index == 0 ? .title : .plain)
        }
    }
}
