extension ScreenRenderer {
    /// The help overlay: a centred box listing every key, in several columns when the screen
    /// is too short for one, actions shortened with `…` when it is too narrow.
    static func drawHelp(_ keys: [KeyHint], into grid: inout Grid) {
        let footer = "Esc ? F1 q close · q is text in a prompt"
        let maxRows = max(1, grid.height - 5)  // borders, a blank line above and below, the footer
        let columns = max(1, (keys.count + maxRows - 1) / maxRows)
        let rows = keys.isEmpty ? 1 : (keys.count + columns - 1) / columns
        let keyWidth = keys.map(\.keys.count).max() ?? 0
        let gap = 2
        let available = grid.width - 4  // box borders, one blank column each side
        var actionWidth = keys.map(\.action.count).max() ?? 0
        let fullWidth = columns * (keyWidth + 2 + actionWidth) + (columns - 1) * gap
        if fullWidth > available {
            actionWidth = max(1, (available - (columns - 1) * gap) / columns - keyWidth - 2)
        }
        let columnWidth = keyWidth + 2 + actionWidth
        let inner = max(footer.count, columns * columnWidth + (columns - 1) * gap) + 2
        let boxWidth = min(grid.width, inner + 2)
        let boxHeight = min(grid.height, rows + 5)
        let top = max(0, (grid.height - boxHeight) / 2)
        let left = max(0, (grid.width - boxWidth) / 2)

        for row in top..<(top + boxHeight) {
            grid.fill(row: row, column: left, count: boxWidth, with: Cell(" ", .overlay))
            grid[row, left] = Cell("│", .overlay)
            grid[row, left + boxWidth - 1] = Cell("│", .overlay)
        }
        let bottom = top + boxHeight - 1
        grid.fill(row: top, column: left + 1, count: boxWidth - 2, with: Cell("─", .overlay))
        grid.fill(row: bottom, column: left + 1, count: boxWidth - 2, with: Cell("─", .overlay))
        grid[top, left] = Cell("┌", .overlay)
        grid[top, left + boxWidth - 1] = Cell("┐", .overlay)
        grid[bottom, left] = Cell("└", .overlay)
        grid[bottom, left + boxWidth - 1] = Cell("┘", .overlay)
        grid.put(" Keys ", row: top, column: left + 2, style: .title, maxWidth: boxWidth - 4)

        let contentLeft = left + 2
        let contentRight = left + boxWidth - 2
        for (index, hint) in keys.enumerated() {
            let row = top + 2 + index % rows
            guard row < bottom - 2 else { continue }
            let column = contentLeft + (index / rows) * (columnWidth + gap)
            let end = grid.put(hint.keys, row: row, column: column, style: .key, maxWidth: contentRight - column)
            let action = shortened(hint.action, to: actionWidth)
            grid.put(
                action, row: row, column: max(end, column + keyWidth + 2), style: .overlay,
                maxWidth: max(0, contentRight - column - keyWidth - 2))
        }
        let footerColumn = left + max(2, (boxWidth - footer.count) / 2)
        grid.put(footer, row: bottom - 1, column: footerColumn, style: .dim, maxWidth: contentRight - footerColumn)
    }

    /// `text`, cut to `width` characters with a final `…` when longer.
    static func shortened(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        return String(text.prefix(width - 1)) + "…"
    }
}
