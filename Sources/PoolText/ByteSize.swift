/// The one size grammar of poolmap (`--size`, prompts, scripts, traces): a decimal or `0x` hex
/// integer with an optional unit attached, case-sensitive — `B`, `K`/`KiB`, `M`/`MiB`,
/// `G`/`GiB` (binary multiples). Examples: `256`, `4KiB`, `0x100`, `2M`. In hex, `B` is a
/// digit, never the unit: `0x1B` is 27 bytes.
public enum ByteSize {
    /// Why a text is not a size.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not of the grammar at all (`abc`, `-5`, `4kb`).
        case notASize(String)
        /// Of the grammar, but beyond 64 bits.
        case tooLarge(String)
        /// Of the grammar, but zero where a positive size is needed.
        case zero(String)

        public var description: String {
            switch self {
            case .notASize(let text): return "\"\(text)\" is not a size"
            case .tooLarge(let text): return "\"\(text)\" is too large"
            case .zero(let text): return "\"\(text)\" is zero: sizes must be at least 1 B"
            }
        }
    }

    /// The units, longest spelling first so `KiB` is not read as `K` + garbage.
    private static let units: [(suffix: String, shift: Int)] = [
        ("KiB", 10), ("MiB", 20), ("GiB", 30), ("K", 10), ("M", 20), ("G", 30), ("B", 0),
    ]

    /// Parses `text` (surrounding whitespace ignored) into a byte count, which may be 0.
    public static func parse(_ text: String) throws(ParseError) -> Int {
        let trimmed = text.trimmingWhitespace()
        var digits = Substring(trimmed)
        var radix = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
            radix = 16
        }
        var shift = 0
        // In hex, `B` is a digit (`0x1B` is 27), so the byte unit is decimal-only there.
        for unit in units where digits.hasSuffix(unit.suffix) && !(radix == 16 && unit.suffix == "B") {
            digits = digits.dropLast(unit.suffix.count)
            shift = unit.shift
            break
        }
        guard !digits.isEmpty,
            digits.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true })
        else { throw .notASize(trimmed) }
        guard let value = Int(digits, radix: radix) else { throw .tooLarge(trimmed) }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: 1 << shift)
        guard !overflow else { throw .tooLarge(trimmed) }
        return scaled
    }

    /// Parses a size that must be at least 1 byte.
    public static func parsePositive(_ text: String) throws(ParseError) -> Int {
        let value = try parse(text)
        guard value > 0 else { throw .zero(text.trimmingWhitespace()) }
        return value
    }

    /// A size in human units: `512 B`, `4 KiB`, `1.5 MiB`, `2.25 GiB` (at most two decimals,
    /// trailing zeros dropped; exact below 1 KiB).
    public static func format(_ bytes: Int) -> String {
        let magnitude = bytes.magnitude
        let names = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var index = 0
        while index + 1 < names.count, magnitude >= (UInt(1) << (10 * (index + 1))) { index += 1 }
        let sign = bytes < 0 ? "-" : ""
        if index == 0 { return "\(sign)\(magnitude) B" }
        let unit = UInt(1) << (10 * index)
        let whole = magnitude / unit
        // Truncated, never rounds up to a lie; in 128 bits, as `remainder · 100` overflows in EiB.
        let hundredths = unit.dividingFullWidth((magnitude % unit).multipliedFullWidth(by: 100)).quotient
        var text = "\(sign)\(whole)"
        if hundredths > 0 {
            text +=
                hundredths % 10 == 0 ? ".\(hundredths / 10)" : (hundredths < 10 ? ".0\(hundredths)" : ".\(hundredths)")
        }
        return text + " " + names[index]
    }

    /// `format(bytes)`, followed by the exact count when the human form rounds it:
    /// `1.5 KiB (1,537 B)`; just `4 KiB` when exact.
    public static func formatExact(_ bytes: Int) -> String {
        let human = format(bytes)
        if bytes.magnitude < 1024 { return human }
        let index = Swift.min(6, (Int.bitWidth - 1 - Int(bytes.magnitude.leadingZeroBitCount)) / 10)
        let unit = UInt(1) << (10 * index)
        if bytes.magnitude % unit == 0 { return human }
        return "\(human) (\(NumberText.grouped(bytes)) B)"
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
