extension NumberText {
    /// Appends `value` in decimal (`-42`, `0`, `9223372036854775807`) to `bytes`: the one
    /// integer writer for text written millions of times (a long trace's JSON report through
    /// `TextBuffer`, the trace `poolmap record` writes), a fraction of the cost of `String(value)`.
    /// - Complexity: O(digits), with no allocation beyond `bytes`' growth.
    public static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // `magnitude` is exact even for `Int.min`, whose negation overflows.
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 20 digits at most, 8 per word
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[23 - count] = UInt8(ascii: "0") &+ UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: scratch[(24 - count)...])
        }
    }
}
