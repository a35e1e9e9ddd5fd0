extension ScreenRenderer {
    /// The event log under the map: the newest entries that fit, oldest first, long ones
    /// wrapped onto indented lines so a failure's reason is never cut; failures marked `!`
    /// and drawn `.error`.
    static func drawLog(_ model: ScreenModel, layout: ScreenLayout, into grid: inout Grid) {
        grid.put("Events", row: layout.logHeadingRow, column: 0, style: .title, maxWidth: layout.leftWidth)
        // With no prompt and no playback lines in between, the log also takes the prompt row.
        let borrowsPromptRow = model.prompt == nil && layout.captionRow == nil && layout.statementRow == nil
        let capacity = layout.logLines + (borrowsPromptRow ? 1 : 0)
        if model.log.isEmpty {
            grid.put(
                "no operations yet", row: layout.logHeadingRow + 1, column: 2, style: .dim,
                maxWidth: layout.leftWidth - 2)
            return
        }
        var lines: [(String, CellStyle)] = []
        for entry in model.log.reversed() {
            guard lines.count < capacity else { break }
            let wrapped = wrap(entry.text, width: max(1, layout.leftWidth - 2))
            let style: CellStyle = entry.isError ? .error : .plain
            let marked = wrapped.enumerated().map { index, text in
                ((index == 0 && entry.isError ? "! " : "  ") + text, style)
            }
            // Newest at the bottom; an entry that does not fit whole keeps its first lines.
            let room = capacity - lines.count
            lines.insert(contentsOf: marked.prefix(room), at: 0)
        }
        for (index, line) in lines.enumerated() {
            grid.put(
                line.0, row: layout.logHeadingRow + 1 + index, column: 0, style: line.1,
                maxWidth: layout.leftWidth)
        }
    }

    /// Playback: the caption and the statement being run.
    static func drawPlayback(_ model: ScreenModel, layout: ScreenLayout, into grid: inout Grid) {
        if let row = layout.captionRow, let caption = model.caption {
            grid.put(" " + caption, row: row, column: 0, style: .emphasis)
        }
        if let row = layout.statementRow, let statement = model.statement {
            grid.put(" > " + statement, row: row, column: 0, style: .dim)
        }
    }

    /// Where the prompt's cursor (the `_` after the typed text) is drawn, for a front end that
    /// wants to place the terminal's own cursor there; nil when no prompt is open or the
    /// screen is too small.
    static func promptCursor(of model: ScreenModel, width: Int, height: Int) -> (row: Int, column: Int)? {
        let layout = ScreenLayout(model: model, width: width, height: height)
        guard let prompt = model.prompt, !layout.isTooSmall else { return nil }
        let column = min(width - 1, 1 + prompt.label.count + 2 + prompt.text.count)
        return (layout.promptRow, column)
    }

    /// The prompt line: label, typed text, a cursor, and the last refusal in `.error` style.
    static func drawPrompt(_ model: ScreenModel, layout: ScreenLayout, into grid: inout Grid) {
        guard let prompt = model.prompt else { return }
        let row = layout.promptRow
        var column = grid.put(" " + prompt.label + ": ", row: row, column: 0, style: .prompt)
        column = grid.put(prompt.text, row: row, column: column, style: .prompt)
        column = grid.put("_", row: row, column: column, style: .key)
        if let error = prompt.error {
            grid.put("  " + error, row: row, column: column, style: .error)
        } else {
            grid.put("  Enter confirms · Esc cancels", row: row, column: column, style: .dim)
        }
    }
}
