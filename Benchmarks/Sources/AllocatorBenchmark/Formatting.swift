/// Number formatting without Foundation.
enum Format {
    /// `x` with `digits` decimals, e.g. `fixed(3.14159, 1)` is "3.1".
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(x) * scale).rounded())
        let sign = x < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(scaled) }
        let whole = scaled / Int64(scale), fraction = scaled % Int64(scale)
        let fractionText = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }

    /// A ratio such as "2.56×", or "n/a" when one side was not measured.
    static func ratio(_ x: Double, _ digits: Int) -> String { x.isFinite ? fixed(x, digits) + "×" : "n/a" }

    /// ns per op: one decimal below 100, whole numbers above.
    static func nanoseconds(_ x: Double) -> String { fixed(x, x < 100 ? 1 : 0) }

    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// 1234567 → "1_234_567".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (k, character) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append("_") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// "1k", "10k", "100k", "1M".
    static func count(_ n: Int) -> String {
        if n >= 1_000_000 && n % 1_000_000 == 0 { return "\(n / 1_000_000)M" }
        if n >= 1_000 && n % 1_000 == 0 { return "\(n / 1_000)k" }
        return String(n)
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// "median (min–max)" of ns/op samples.
    static func spread(_ samples: Samples) -> String {
        guard !samples.isEmpty else { return "n/a" }
        if samples.values.count == 1 { return nanoseconds(samples.median) }
        return "\(nanoseconds(samples.median)) (\(nanoseconds(samples.min))–\(nanoseconds(samples.max)))"
    }
}
