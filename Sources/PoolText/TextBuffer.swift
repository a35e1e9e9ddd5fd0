/// UTF-8 text built byte by byte, for output written millions of times (a long trace's JSON):
/// appending ASCII and integers here costs a fraction of `String` appends.
package struct TextBuffer: Sendable {
    /// The text so far, in UTF-8.
    package internal(set) var bytes: [UInt8] = []

    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    package var count: Int { bytes.count }
    package var isEmpty: Bool { bytes.isEmpty }

    /// Appends fixed text (a literal).
    @inline(__always) package mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends any text.
    package mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends one byte (an ASCII character).
    package mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends `value` in decimal (`-42`, `0`, `9223372036854775807`): poolmap's one integer
    /// writer for text written millions of times (a long trace's JSON report, the trace
    /// `poolmap record` writes), a fraction of the cost of `String(value)`.
    /// - Complexity: O(digits), with no allocation beyond the buffer's growth.
    package mutating func append(_ value: Int) {
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

    /// Empties the buffer, keeping its capacity.
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// The text (the bytes are UTF-8 by construction).
    package var text: String { String(decoding: bytes, as: UTF8.self) }
}
