extension ScreenRenderer {
    /// The words shown instead of the layout on a screen below the minimum size.
    static func tooSmallMessage(width: Int, height: Int) -> String {
        "Terminal too small: \(width)×\(height). poolmap needs at least "
            + "\(ScreenLayout.minimumWidth)×\(ScreenLayout.minimumHeight)."
    }

    /// The too-small message, word-wrapped to the grid's width and centred; rows that do not
    /// fit are left out (it fits whole from 16×5 up).
    static func drawTooSmall(into grid: inout Grid) {
        let lines = wrap(tooSmallMessage(width: grid.width, height: grid.height), width: grid.width)
        let top = max(0, (grid.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < grid.height {
            let column = max(0, (grid.width - line.count) / 2)
            grid.put(line, row: top + index, column: column, style: index == 0 ? .warning : .plain)
        }
    }

    /// Words of `text` in lines of at most `width` characters; a longer word is split.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            var word = Substring(word)
            while word.count > width {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
