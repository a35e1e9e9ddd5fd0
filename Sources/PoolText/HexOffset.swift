/// Offsets as the map labels them: `0x` and lowercase hex digits, zero-padded.
public enum HexOffset {
    /// `value` as `0x` and at least `digits` lowercase hex digits: `0x0100`.
    public static func format(_ value: Int, digits: Int = 4) -> String {
        let text = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// An offset as a screen writes it wherever there is room: hex as the map labels it, then
    /// the decimal in parentheses, `0x0100 (256)`, `0x1f400 (128,000)`.
    public static func labelled(_ value: Int, digits: Int = 4) -> String {
        "\(format(value, digits: digits)) (\(NumberText.grouped(value)))"
    }

    /// The hex digits every offset of a pool of `totalSize` bytes needs (at least 4), so that
    /// labels line up.
    public static func digits(forPoolSize totalSize: Int) -> Int {
        max(4, String(max(0, totalSize - 1), radix: 16).count)
    }
}
