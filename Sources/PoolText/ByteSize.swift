/// The one size grammar of poolmap (`--size`, prompts, scripts, traces): a decimal or `0x` hex
/// integer with an optional unit, attached or after blanks — `B`, `K`/`k`/`KiB`, `M`/`m`/`MiB`,
/// `G`/`g`/`GiB`, all binary multiples (lowercase `k`, `m`, `g` as `head -c 4k` reads them).
/// Examples: `256`, `4KiB`, `4 KiB` (as poolmap prints sizes), `4k`, `0x100`, `2M`. In hex, `B`
/// is a digit, never the unit: `0x1B` is 27 bytes. The decimal-looking units (`kb`, `KB`, `MB`,
/// …) are refused as ambiguous (4,000 or 4,096?) with the size poolmap would have read.
public enum ByteSize {
    /// Why a text is not a size.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not of the grammar at all (`abc`, `-5`, `1.5K`).
        case notASize(String)
        /// A number with a unit poolmap does not read, but whose meaning it can guess: `4kb`,
        /// `4KB` (decimal or binary?) or `4kib` (the wrong case). `suggestion` is the size in
        /// the grammar, with its bytes: `4KiB (4,096 bytes)`.
        case ambiguousUnit(String, suggestion: String)
        /// Of the grammar, but beyond 64 bits.
        case tooLarge(String)
        /// Of the grammar, but zero where a positive size is needed.
        case zero(String)

        /// The problem in words, as a prompt or a script's diagnostic shows it.
        public var description: String {
            switch self {
            case .notASize(let text): return "\"\(text)\" is not a size"
            case .ambiguousUnit(let text, let suggestion):
                return "\"\(text)\" is not a size; did you mean \(suggestion)?"
            case .tooLarge(let text): return "\"\(text)\" is too large"
            case .zero(let text): return "\"\(text)\" is zero: sizes must be at least 1 B"
            }
        }
    }

    /// Every unit the grammar reads, with its power of two.
    private static let units: [String: Int] = [
        "": 0, "B": 0, "K": 10, "k": 10, "KiB": 10, "M": 20, "m": 20, "MiB": 20, "G": 30, "g": 30, "GiB": 30,
    ]

    /// Units people type that poolmap refuses, lowercased, with the unit it suggests instead.
    private static let refusedUnits: [String: String] = [
        "b": "B", "kb": "KiB", "kib": "KiB", "mb": "MiB", "mib": "MiB", "gb": "GiB", "gib": "GiB",
    ]

    /// Parses `text` (surrounding whitespace ignored) into a byte count, which may be 0.
    public static func parse(_ text: String) throws(ParseError) -> Int {
        let trimmed = text.trimmingWhitespace()
        var rest = Substring(trimmed)
        var radix = 10
        if rest.hasPrefix("0x") || rest.hasPrefix("0X") {
            rest = rest.dropFirst(2)
            radix = 16
        }
        // The digits run as far as digits of the radix go: in hex `B` is a digit (`0x1B` is 27).
        let digits = rest.prefix(while: { $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true })
        let unit = String(rest.dropFirst(digits.count).drop(while: { $0 == " " || $0 == "\t" }))
        guard !digits.isEmpty else { throw .notASize(trimmed) }
        guard let shift = units[unit], !(radix == 16 && unit == "B") else {
            if let suggested = refusedUnits[unit.lowercased()], !(radix == 16 && suggested == "B") {
                let number = trimmed.prefix(trimmed.count - rest.count + digits.count)
                guard let bytes = scaled(digits, radix: radix, shift: units[suggested]!) else {
                    throw .tooLarge(trimmed)
                }
                throw .ambiguousUnit(
                    trimmed, suggestion: "\(number)\(suggested) (\(NumberText.grouped(bytes)) bytes)")
            }
            throw .notASize(trimmed)
        }
        guard let value = scaled(digits, radix: radix, shift: shift) else { throw .tooLarge(trimmed) }
        return value
    }

    /// Whether `word` is a unit on its own (`KiB`, `k`) or one poolmap refuses with a
    /// suggestion (`kb`): a prompt joins it to the number before it, so `4 KiB` reads as one size.
    public static func isUnit(_ word: some StringProtocol) -> Bool {
        !word.isEmpty && (units[String(word)] != nil || refusedUnits[word.lowercased()] != nil)
    }

    /// `digits` in `radix` times 2^`shift`, or nil beyond 64 bits.
    private static func scaled(_ digits: Substring, radix: Int, shift: Int) -> Int? {
        guard let value = Int(digits, radix: radix) else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : product
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
    /// The string without whitespace at either end.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
