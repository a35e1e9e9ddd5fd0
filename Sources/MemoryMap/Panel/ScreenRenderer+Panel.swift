import PoolAllocator
import PoolText

extension ScreenRenderer {
    /// The separator, the stats panel and, below it, the block inspector.
    static func drawPanel(_ model: ScreenModel, stats: PoolStats, layout: ScreenLayout, into grid: inout Grid) {
        for row in layout.panelTopRow..<layout.panelBottomRow {
            grid[row, layout.separatorColumn] = Cell("│", .dim)
        }
        let lines = panelLines(model, stats: stats, layout: layout)
        var row = layout.panelTopRow
        for line in lines where row < layout.panelBottomRow {
            var column = layout.panelColumn + 1
            for (text, style) in line {
                column = grid.put(
                    text, row: row, column: column, style: style,
                    maxWidth: grid.width - column)
            }
            row += 1
        }
    }

    /// One panel line: runs of text and their styles.
    typealias PanelLine = [(String, CellStyle)]

    /// A `label  value` line; the exact byte count is added when it fits.
    static func sizeLine(_ label: String, _ bytes: Int, width: Int, extra: String = "") -> PanelLine {
        // The longest form that fits: exact bytes and extra, then without exact, then bare.
        let forms = [ByteSize.formatExact(bytes) + extra, ByteSize.format(bytes) + extra, ByteSize.format(bytes)]
        let value = forms.first { labelWidth + $0.count <= width } ?? forms[2]
        return [(pad(label), .dim), (value, .emphasis)]
    }

    static let labelWidth = 13

    static func pad(_ label: String) -> String {
        label + String(repeating: " ", count: max(1, labelWidth - label.count))
    }

    static func statsLines(_ model: ScreenModel, stats: PoolStats, width: Int) -> [PanelLine] {
        let fragmentation = min(1, max(0, stats.fragmentation.isNaN ? 0 : stats.fragmentation))
        let fragText = NumberText.percent(fragmentation)
        let gaugeWidth = max(0, width - 6 - fragText.count - 3)
        let filled = Int((fragmentation * Double(gaugeWidth)).rounded())
        let sparkWidth = max(0, width - 6)
        return [
            [("Stats", .title)],
            sizeLine("total", stats.total, width: width),
            sizeLine(
                "used", stats.used, width: width, extra: " " + NumberText.wholePercent(stats.used, of: stats.total)),
            sizeLine("free", stats.free, width: width),
            sizeLine("padding", stats.padding, width: width),
            [(pad("blocks"), .dim), (NumberText.grouped(stats.blockCount), .emphasis)],
            [(pad("free blocks"), .dim), (NumberText.grouped(stats.freeBlockCount), .emphasis)],
            sizeLine("largest free", stats.largestFree, width: width),
            [
                ("frag  ", .dim), (fragText, .emphasis), (" ", .plain),
                (String(repeating: "█", count: filled), .gaugeFilled),
                (String(repeating: "·", count: gaugeWidth - filled), .gaugeEmpty),
            ],
            [("trend ", .dim), (Sparkline.text(model.fragmentationHistory, width: sparkWidth), .sparkline)],
        ]
    }

    /// The high-water mark and peak live bytes, then utilization and heap fragmentation (`–`
    /// while nothing was live).
    static func figuresLines(_ figures: PoolFigures, width: Int) -> [PanelLine] {
        [
            sizeLine("high water", figures.highWater, width: width),
            sizeLine("peak live", figures.peakLive, width: width),
            [
                ("util ", .dim), (PoolFigures.percentText(figures.utilization), .emphasis),
                ("  heap frag ", .dim), (PoolFigures.percentText(figures.heapFragmentation), .emphasis),
            ],
        ]
    }

    static func inspectorLines(_ model: ScreenModel, width: Int) -> [PanelLine] {
        guard let offset = model.selectedOffset, let block = model.pool.block(at: offset) else {
            return [[("Block", .title)], [("none selected", .dim)]]
        }
        let digits = HexOffset.digits(forPoolSize: model.pool.totalSize)
        let hexOffset = HexOffset.format(block.offset, digits: digits)
        var lines: [PanelLine] = [
            [("Block ", .title), (hexOffset, .title), (" · " + ByteSize.format(block.size), .title)],
            [
                ("align ", .dim), (ByteSize.format(block.alignment), .emphasis),
                ("  pad ", .dim), (ByteSize.format(block.padding), .emphasis),
            ],
        ]
        if let name = model.names[block.offset] {
            lines.append([(pad("name"), .dim), (name, .emphasis)])
        }
        let decimal = " (\(NumberText.grouped(block.offset)))"
        lines.append([
            (pad("offset"), .dim),
            (hexOffset + (labelWidth + hexOffset.count + decimal.count <= width ? decimal : ""), .emphasis),
        ])
        lines.append(sizeLine("size", block.size, width: width))
        lines.append([(pad("end"), .dim), (HexOffset.format(block.end, digits: digits), .emphasis)])
        // Its place in address order: O(log n) from the blocks wholly before it.
        let ordinal = model.pool.usage(in: block.start..<(block.start + 1)).blocksBefore + 1
        lines.append([
            (pad("block"), .dim),
            ("#\(NumberText.grouped(ordinal)) of \(NumberText.grouped(model.pool.stats.blockCount))", .emphasis),
        ])
        if let site = model.selectedCallSite {
            // A caller's end (file name, symbol) says the most: a long one keeps its tail.
            lines.append([("allocated at", .dim)])
            let room = max(2, width - 2)
            for frame in site.split(separator: "\n").prefix(maximumCallSiteLines) {
                let text = frame.count <= room ? String(frame) : "…" + frame.suffix(room - 1)
                lines.append([("  ", .dim), (text, .emphasis)])
            }
        }
        return lines
    }

    /// The most frames of a call site the inspector shows.
    static let maximumCallSiteLines = 3
}
