/// Numbers as poolmap prints them: percentages, fixed decimals, digit groups. Every spelling is
/// built on one rounding: a value is scaled, rounded to the nearest whole unit once, and written
/// from that integer, so `0.6667` and `66.67%` always agree.
public enum NumberText {
    /// `fraction` as a percentage with one decimal, a trailing `.0` dropped: `42.5%`, `40%`.
    public static func percent(_ fraction: Double) -> String {
        let tenths = units(fraction, scale: 1000)
        return tenths % 10 == 0 ? "\(tenths / 10)%" : decimal(tenths, places: 1) + "%"
    }

    /// `part` of `total` as a whole percentage, rounded down so that only a full pool says 100%:
    /// `19%`, `<1%` for a sliver, `0%` for nothing (or an empty total).
    public static func wholePercent(_ part: Int, of total: Int) -> String {
        guard total > 0, part > 0 else { return "0%" }
        let value = Double(part) / Double(total) * 100
        return value < 1 ? "<1%" : "\(Int(value))%"
    }

    /// A fraction with four decimals and its percentage with two: `0.6667 (66.67%)`.
    public static func fractionAndPercent(_ fraction: Double) -> String {
        let tenThousandths = units(fraction, scale: 10_000)
        return "\(decimal(tenThousandths, places: 4)) (\(decimal(tenThousandths, places: 2))%)"
    }

    /// `value` rounded to `places` decimals (0 to 9) and always written with them: `12.3`,
    /// `0.3429`; 0 for values that are not finite.
    public static func fixed(_ value: Double, places: Int) -> String {
        let places = min(max(places, 0), 9)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = units(value, scale: scale)
        return places == 0 ? String(rounded) : decimal(rounded, places: places)
    }

    /// `1234567` → `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// `value × scale` rounded to the nearest integer; 0 for values that are not finite or
    /// do not fit.
    private static func units(_ value: Double, scale: Double) -> Int {
        let scaled = (value * scale).rounded()
        return scaled.isFinite ? Int(exactly: scaled) ?? 0 : 0
    }

    /// `units` written with its last `places` digits after the point: `decimal(1235, places: 2)`
    /// is `12.35`, `decimal(5, places: 4)` is `0.0005`.
    private static func decimal(_ units: Int, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        let digits = String(magnitude % UInt(scale))
        return "\(sign)\(magnitude / UInt(scale))." + String(repeating: "0", count: places - digits.count) + digits
    }
}
