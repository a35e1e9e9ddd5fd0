import PoolAllocator
import PoolText

extension ScreenRenderer {
    /// The title bar: the model's title on the left, the pool's size and fill on the right.
    static func drawTitle(_ model: ScreenModel, stats: PoolStats, layout: ScreenLayout, into grid: inout Grid) {
        let row = layout.titleRow
        grid.fill(row: row, column: 0, count: grid.width, with: Cell(" ", .title))
        let blocks = "\(stats.blockCount) block\(stats.blockCount == 1 ? "" : "s")"
        let used = NumberText.wholePercent(stats.used, of: stats.total)
        let summary = "\(ByteSize.format(stats.total)) pool · \(blocks) · \(used) used "
        let summaryColumn = grid.width - summary.count
        let titleEnd = grid.put(
            " " + model.title, row: row, column: 0, style: .title,
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
}
