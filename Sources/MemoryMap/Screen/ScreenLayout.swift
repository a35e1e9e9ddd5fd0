import PoolText

/// Where everything goes on a screen of `width` × `height`: the layout facts the app needs to
/// scroll, zoom and hit-test, and that the renderer draws by.
///
/// From the top: title bar, the player's timeline when it has one, overview bar (the whole
/// pool on one line), map heading, map rows
/// (left) beside the stats panel and block inspector (right), event log (left), the playback
/// caption and statement lines when set, the prompt line, the footer.
public struct ScreenLayout: Equatable, Sendable {
    /// The smallest screen that gets the full layout.
    public static let minimumWidth = 60
    /// The smallest screen that gets the full layout.
    public static let minimumHeight = 16

    /// The screen size this layout is for.
    public let width: Int
    /// The screen's height this layout is for.
    public let height: Int
    /// Below `minimumWidth` × `minimumHeight`: only the "too small" message is drawn.
    let isTooSmall: Bool

    /// The title bar's row.
    let titleRow = 0
    /// The timeline's row, when the screen has one (playback).
    public let timelineRow: Int?
    /// The overview bar's row: the whole pool on one line.
    let overviewRow: Int
    /// The first column of the overview bar's cells (after its label).
    let overviewColumn: Int
    /// How many cells the overview bar has room for.
    public let overviewColumns: Int

    /// The row naming the map's range and bytes per cell, with the legend.
    let mapHeadingRow: Int
    /// The screen row of the first map row.
    let mapTopRow: Int
    /// How many map rows there are.
    public let mapRows: Int
    /// Width of the offset labels before each map row (`0x0000 `).
    let mapLabelWidth: Int
    /// The screen column of the first map cell of a row.
    let mapColumn: Int
    /// How many map cells a row has: a power of two (the columns left over stay blank), so
    /// that with a power of two of bytes per cell rows start at round offsets.
    public let mapColumns: Int
    /// Width of the left part (map and event log).
    let leftWidth: Int

    /// The column of the panel's separator line.
    let separatorColumn: Int
    /// The first column of the stats panel and inspector.
    let panelColumn: Int
    /// Columns of the stats panel (26, 30 or 36 as the screen widens).
    let panelWidth: Int
    /// The panel's first row.
    let panelTopRow: Int
    /// One past the panel's last row.
    let panelBottomRow: Int

    /// The event log's heading row; its lines follow.
    let logHeadingRow: Int
    /// Lines of event log (one more when no prompt is open: the log borrows the prompt row).
    let logLines: Int
    /// The playback caption's row, when the model has a caption.
    let captionRow: Int?
    /// The playback statement's row, when the model has a statement.
    let statementRow: Int?
    /// The prompt line's row (the event log borrows it when no prompt is open).
    let promptRow: Int
    /// The key hints' row: the last.
    let footerRow: Int

    /// - Parameters:
    ///   - totalSize: the pool's size (the widest offset label depends on it).
    ///   - hasCaption, hasStatement, hasTimeline: whether playback's lines are reserved.
    public init(
        width: Int, height: Int, totalSize: Int, hasCaption: Bool = false, hasStatement: Bool = false,
        hasTimeline: Bool = false
    ) {
        self.width = max(0, width)
        self.height = max(0, height)
        isTooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        let w = max(width, Self.minimumWidth), h = max(height, Self.minimumHeight)

        timelineRow = hasTimeline ? 1 : nil
        let below = hasTimeline ? 1 : 0  // rows the timeline pushes down
        overviewRow = 1 + below
        mapHeadingRow = 2 + below
        mapTopRow = 3 + below
        panelTopRow = 2 + below
        let hexDigits = HexOffset.digits(forPoolSize: totalSize)
        mapLabelWidth = hexDigits + 3  // "0x" + digits + " "
        overviewColumn = mapLabelWidth
        overviewColumns = max(0, w - mapLabelWidth)

        panelWidth = w >= 120 ? 36 : (w >= 80 ? 30 : 26)
        panelColumn = w - panelWidth
        separatorColumn = panelColumn - 1
        leftWidth = separatorColumn
        mapColumn = mapLabelWidth
        mapColumns = Self.powerOfTwo(atMost: leftWidth - mapLabelWidth)

        footerRow = h - 1
        promptRow = h - 2
        var row = promptRow
        if hasStatement {
            row -= 1
            statementRow = row
        } else {
            statementRow = nil
        }
        if hasCaption {
            row -= 1
            captionRow = row
        } else {
            captionRow = nil
        }
        panelBottomRow = row
        logLines = h >= 30 ? 6 : (h >= 22 ? 4 : 2)
        logHeadingRow = row - logLines - 1
        mapRows = max(1, logHeadingRow - mapTopRow)
    }

    /// The largest power of two that is at most `count`, and at least 1.
    static func powerOfTwo(atMost count: Int) -> Int {
        count <= 1 ? 1 : 1 << (Int.bitWidth - 1 - count.leadingZeroBitCount)
    }

    /// The layout for `model` on a screen of `width` × `height`.
    public init(model: ScreenModel, width: Int, height: Int) {
        self.init(
            width: width, height: height, totalSize: model.pool.totalSize,
            hasCaption: model.caption != nil, hasStatement: model.statement != nil,
            hasTimeline: model.timeline != nil)
    }

    /// The map's geometry for a pool size and viewport.
    public func mapGeometry(totalSize: Int, viewport: MapViewport) -> MapGeometry {
        MapGeometry(totalSize: totalSize, viewport: viewport, rows: mapRows, columns: mapColumns)
    }

    /// The overview bar's geometry: always the whole pool.
    func overviewGeometry(totalSize: Int) -> MapGeometry {
        MapGeometry(totalSize: totalSize, viewport: .fit, rows: 1, columns: overviewColumns, spread: true)
    }

    /// What is at screen position (`row`, `column`).
    enum Hit: Equatable, Sendable {
        /// Cell `index` of the map (row-major, see `MapGeometry`).
        case map(cell: Int)
        /// Cell `index` of the overview bar.
        case overview(cell: Int)
        /// Column `index` of the timeline (its cells start where the overview bar's do).
        case timeline(column: Int)
    }

    /// The map or overview cell at (`row`, `column`), or nil elsewhere (and when too small).
    func hit(row: Int, column: Int) -> Hit? {
        guard !isTooSmall else { return nil }
        if row == overviewRow, column >= overviewColumn, column < overviewColumn + overviewColumns {
            return .overview(cell: column - overviewColumn)
        }
        if row == timelineRow, column >= overviewColumn, column < overviewColumn + overviewColumns {
            return .timeline(column: column - overviewColumn)
        }
        if row >= mapTopRow, row < mapTopRow + mapRows, column >= mapColumn, column < mapColumn + mapColumns {
            return .map(cell: (row - mapTopRow) * mapColumns + (column - mapColumn))
        }
        return nil
    }
}
