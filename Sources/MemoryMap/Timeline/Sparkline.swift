/// A sparkline of values in 0…1, one of `▁▂▃▄▅▆▇█` per value.
enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The newest `width` values (the last ones), oldest on the left; NaN counts as 0.
    static func text(_ values: [Double], width: Int) -> String {
        guard width > 0 else { return "" }
        return String(values.suffix(width).map(glyph))
    }

    /// The level of one value in 0…1 (NaN counts as 0).
    static func glyph(_ value: Double) -> Character {
        let clamped = value.isNaN ? 0 : min(1, max(0, value))
        return levels[min(levels.count - 1, Int(clamped * Double(levels.count)))]
    }
}
