import PoolAllocator
import PoolText

extension ScreenRenderer {
    /// The overview bar and the map, their cells from `painter`.
    static func drawMaps<Painter: MapPainting>(
        _ model: ScreenModel, painter: Painter, geometry: MapGeometry, layout: ScreenLayout, into grid: inout Grid
    ) {
        drawOverview(model, painter: painter, map: geometry, layout: layout, into: &grid)
        drawMap(model, painter: painter, geometry: geometry, layout: layout, into: &grid)
    }

    /// The overview bar: the whole pool on one line; when zoomed, cells outside the map's
    /// view are dimmed (glyphs kept).
    static func drawOverview<Painter: MapPainting>(
        _ model: ScreenModel, painter: Painter, map: MapGeometry,
        layout: ScreenLayout, into grid: inout Grid
    ) {
        let row = layout.overviewRow
        grid.put(
            model.heap == nil ? "pool" : "heap", row: row, column: 0, style: .dim, maxWidth: layout.overviewColumn - 1)
        let overview = layout.overviewGeometry(totalSize: model.pool.totalSize)
        for (index, var cell) in painter.cells(of: overview, from: 0, count: overview.cellCount).enumerated() {
            if !map.isFit, !map.bytes.overlaps(overview.range(ofCell: index)), cell.style != .selected {
                cell.style = .dim
            }
            grid[row, layout.overviewColumn + index] = cell
        }
    }

    /// The map heading, then the map rows, each labelled with its first byte's offset (a
    /// heap's: its first byte's address, in decimal as malloc.py prints addresses).
    static func drawMap<Painter: MapPainting>(
        _ model: ScreenModel, painter: Painter, geometry: MapGeometry,
        layout: ScreenLayout, into grid: inout Grid
    ) {
        drawMapHeading(
            geometry, layout: layout, showsRover: model.rover != nil, monochrome: model.monochrome,
            heapBase: model.heap?.heap.baseAddress, recorded: model.recordedLayout != nil, into: &grid)
        // The cells are contiguous across rows: paint them in one run, then lay them out.
        let cells = painter.cells(of: geometry, from: 0, count: geometry.cellCount)
        drawMapRows(
            cells, geometry: geometry, rows: layout.mapRows, top: layout.mapTopRow, labelWidth: layout.mapLabelWidth,
            column: layout.mapColumn, columns: layout.mapColumns, heapBase: model.heap?.heap.baseAddress, into: &grid)
    }

    /// Lays `cells` (row-major, `columns` a row) out in `rows` rows from `top`, from `column`;
    /// each row labelled in the `labelWidth` columns before by its first byte's offset (a
    /// heap's, with `heapBase`: its address, in decimal). The explorer's map and a comparison
    /// band's.
    static func drawMapRows(
        _ cells: [Cell], geometry: MapGeometry, rows: Int, top: Int, labelWidth: Int, column: Int, columns: Int,
        heapBase: Int?, into grid: inout Grid
    ) {
        let digits = labelWidth - 3
        for mapRow in 0..<max(0, rows) {
            guard let start = geometry.rowStart(mapRow) else { break }
            let row = top + mapRow
            grid.put(
                heapBase.map { Self.addressLabel($0 + start, width: digits + 2) }
                    ?? HexOffset.format(start, digits: digits), row: row, column: 0, style: .dim,
                maxWidth: labelWidth - 1)
            let first = mapRow * columns
            for index in 0..<min(columns, cells.count - first) {
                grid[row, column + index] = cells[first + index]
            }
        }
    }

    /// When zoomed, the separator beside the map becomes a scrollbar: a thick thumb on the
    /// rows matching the part of the pool in view.
    static func drawScrollbar(_ geometry: MapGeometry, layout: ScreenLayout, into grid: inout Grid) {
        guard !geometry.isFit, geometry.totalSize > 0, layout.mapRows > 0 else { return }
        let total = Double(geometry.totalSize), rows = Double(layout.mapRows)
        let top = Int((Double(geometry.bytes.lowerBound) / total * rows).rounded(.down))
        let bottom = max(top + 1, Int((Double(geometry.bytes.upperBound) / total * rows).rounded(.up)))
        for row in max(0, top)..<min(layout.mapRows, bottom) {
            grid[layout.mapTopRow + row, layout.separatorColumn] = Cell("┃", .emphasis)
        }
    }

    /// A heap's address as a map label: decimal, right-aligned in `width` columns (its last
    /// digits when it is wider, as the lower digits tell rows apart).
    static func addressLabel(_ address: Int, width: Int) -> String {
        let text = String(address)
        return text.count >= width
            ? String(text.suffix(width)) : String(repeating: " ", count: width - text.count) + text
    }

    static func drawMapHeading(
        _ geometry: MapGeometry, layout: ScreenLayout, showsRover: Bool, monochrome: Bool = false,
        heapBase: Int? = nil, recorded: Bool = false, into grid: inout Grid
    ) {
        let row = layout.mapHeadingRow
        var column = grid.put("Map", row: row, column: 0, style: .title, maxWidth: layout.leftWidth)
        let scope: String
        if let heapBase {
            let end = heapBase + geometry.totalSize
            scope =
                geometry.isFit
                ? "heap \(heapBase)-\(end)"
                : "\(heapBase + geometry.bytes.lowerBound)-\(heapBase + geometry.bytes.upperBound)"
        } else if geometry.isFit {
            scope = "whole pool"
        } else {
            let digits = layout.mapLabelWidth - 3
            let first = HexOffset.format(geometry.bytes.lowerBound, digits: digits)
            let last = HexOffset.format(geometry.bytes.upperBound - 1, digits: digits)
            scope = "\(first)-\(last)"
        }
        let perCell =
            geometry.isSpreadUnevenly
            ? "≤\(ByteSize.format(geometry.bytesPerCell))/cell" : "\(ByteSize.format(geometry.bytesPerCell))/cell"
        let detail = " \(scope) · \(perCell)"
        column = grid.put(detail, row: row, column: column, style: .dim, maxWidth: layout.leftWidth - column)
        // The legend, when it fits whole: the glyphs mean the same without colour.
        // Next fit's rover is a style, not a glyph: its sample is a cell drawn that way.
        // Without colour, neighbouring blocks alternate two glyphs: the legend shows both.
        var legend: [(String, CellStyle)] = [("█", .used(alternate: false))]
        if monochrome { legend.append((String(MapCellPainter.monochromeAlternateGlyph), .used(alternate: true))) }
        if heapBase != nil {
            // A heap's blocks carry headers, and free elements that were not merged are apart.
            legend += [
                (" used ", .dim), (String(HeapCellPainter.headerGlyph), .header), (" hdr ", .dim), ("▒", .padding),
                (" pad ", .dim), ("░", .free), (" free ", .dim), (String(HeapCellPainter.chunkBoundaryGlyph), .free),
                (" next", .dim),
            ]
        } else if recorded {
            // A recorded layout has no padding; it has pending blocks, unreserved bytes, segments.
            legend += [
                (" used ", .dim), (String(MapCellPainter.pendingGlyph), .pendingFree), (" pend ", .dim),
                ("░", .free), (" free ", .dim), (String(MapCellPainter.unreservedGlyph), .unreserved),
                (" unres ", .dim), (String(MapCellPainter.segmentStartGlyph), .segmentStart), (" seg", .dim),
            ]
        } else {
            legend += [(" used ", .dim), ("▒", .padding), (" pad ", .dim), ("░", .free), (" free", .dim)]
        }
        if showsRover { legend += [(" ", .dim), ("░", .rover), (" rover", .dim)] }
        let legendWidth = legend.reduce(0) { $0 + $1.0.count }
        var legendColumn = layout.leftWidth - legendWidth
        guard legendColumn >= column + 2 else { return }
        for (text, style) in legend {
            legendColumn = grid.put(text, row: row, column: legendColumn, style: style)
        }
    }
}
