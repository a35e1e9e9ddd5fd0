extension Character {
    /// Whether the character takes exactly one terminal column: one scalar that is not a
    /// control, not zero-width (combining marks, format characters) and not wide (East Asian
    /// wide or full-width, emoji). A conservative table: anything doubtful is refused.
    var isSingleColumn: Bool {
        let scalars = unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { return false }
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return false }
        if value < 0x300 { return true }  // Latin, the common case, fast
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format, .control, .lineSeparator,
            .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return false
        default:
            break
        }
        if scalar.properties.isEmojiPresentation { return false }
        for range in Self.wideRanges where range.contains(value) { return false }
        return true
    }

    /// East Asian wide and full-width blocks (UAX #11), coarsely.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// The character itself when it takes one column; a space for whitespace controls (tab,
    /// newline) and `?` for anything else, so hostile text (script names, file names) can
    /// never shift a row.
    /// A base character with combining marks keeps its base (`e` + U+0301 → `e`).
    var singleColumn: Character {
        if isSingleColumn { return self }
        if unicodeScalars.count > 1, let base = unicodeScalars.first.map(Character.init), base.isSingleColumn {
            return base
        }
        return isWhitespace ? " " : "?"
    }
}
