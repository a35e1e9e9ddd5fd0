import PoolAllocator

extension ScreenRenderer {
    /// The title bar: the model's title on the left, the pool's size and fill on the right.
    static func drawTitle(_ model: ScreenModel, stats: PoolStats, layout: ScreenLayout, into grid: inout Grid) {
        let row = layout.titleRow
        grid.fill(row: row, column: 0, count: grid.width, with: Cell(" ", .title))
        let summary = "\(ByteSize.format(stats.total)) pool · \(stats.blockCount) block\(stats.blockCount == 1 ? "" : "s") · \(percent(stats.used, of: stats.total)) used "
        let summaryColumn = grid.width - summary.count
        let titleEnd = grid.put(" " + model.title, row: row, column: 0, style: .title,
                                maxWidth: grid.width)
        if summaryColumn >= titleEnd + 2 {
            grid.put(summary, row: row, column: summaryColumn, style: .title)
        }
    }

    /// The footer: key hints, each left out whole when it does not fit.
    static func drawFooter(_ model: ScreenModel, layout: ScreenLayout, into grid: inout Grid) {
        let row = layout.footerRow
        var column = 1
        for hint in model.footerKeys {
            let needed = hint.keys.count + 1 + hint.action.count
            guard column + needed <= grid.width else { break }
            column = grid.put(hint.keys, row: row, column: column, style: .key)
            column = grid.put(" " + hint.action, row: row, column: column, style: .dim) + 2
        }
    }

    /// `used` as a percentage of `total`, truncated, e.g. `19%` (`0%` for an empty total).
    static func percent(_ part: Int, of total: Int) -> String {
        guard total > 0 else { return "0%" }
        let value = Double(part) / Double(total) * 100
        return value > 0 && value < 1 ? "<1%" : "\(Int(value))%"
    }
}
