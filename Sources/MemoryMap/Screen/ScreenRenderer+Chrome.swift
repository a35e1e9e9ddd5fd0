import PoolAllocator
import PoolText

extension ScreenRenderer {
    /// The title bar: the model's title on the left, the pool's size and fill on the right —
    /// with its policy and why it has that size when the model says (`first fit · 49 KiB pool
    /// (peak live × 1.25) · …`), shortened to the size alone when that does not fit.
    static func drawTitle(_ model: ScreenModel, stats: PoolStats, layout: ScreenLayout, into grid: inout Grid) {
        let row = layout.titleRow
        grid.fill(row: row, column: 0, count: grid.width, with: Cell(" ", .title))
        let blocks = "\(stats.blockCount) block\(stats.blockCount == 1 ? "" : "s")"
        let used = NumberText.wholePercent(stats.used, of: stats.total)
        let fill = " · \(blocks) · \(used) used "
        let size =
            model.heap.map { "\(ByteSize.format(stats.total)) heap at \($0.heap.baseAddress)" }
            ?? "\(ByteSize.format(stats.total)) pool"
        let titleEnd = grid.put(
            " " + model.title, row: row, column: 0, style: .title,
            maxWidth: grid.width)
        var summaries = [size + fill]
        if let reason = model.poolSizeReason {
            summaries.insert("\(model.pool.policy.rawValue) fit · \(size) (\(reason))" + fill, at: 0)
        }
        if let summary = summaries.first(where: { grid.width - $0.count >= titleEnd + 2 }) {
            grid.put(summary, row: row, column: grid.width - summary.count, style: .title)
        }
    }

    /// The footer: key hints, each left out whole when it does not fit. The last two (help and
    /// quit, in every app) are kept whatever the width, so a newcomer always sees the way out.
    static func drawFooter(_ keys: [KeyHint], row: Int, into grid: inout Grid) {
        func width(_ hint: KeyHint) -> Int { hint.keys.count + 1 + hint.action.count + 2 }
        let kept = Array(keys.suffix(2))
        var room = grid.width + 1 - kept.map(width).reduce(0, +)  // the last hint needs no gap after it
        var shown: [KeyHint] = []
        for hint in keys.dropLast(kept.count) {
            guard width(hint) <= room else { break }
            shown.append(hint)
            room -= width(hint)
        }
        var column = 1
        for hint in shown + kept where column + width(hint) - 2 <= grid.width {
            column = grid.put(hint.keys, row: row, column: column, style: .key)
            column = grid.put(" " + hint.action, row: row, column: column, style: .dim) + 2
        }
    }
}
