/// UTF-8 text built byte by byte, for output written millions of times (a long trace's JSON):
/// appending ASCII and integers here costs a fraction of `String` appends.
public struct TextBuffer: Sendable {
    public internal(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }
    public var isEmpty: Bool { bytes.isEmpty }

    /// Appends fixed text (a literal).
    @inline(__always) public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends any text.
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends `value` in decimal (`NumberText.appendDecimal`).
    public mutating func append(_ value: Int) {
        NumberText.appendDecimal(value, to: &bytes)
    }

    /// Empties the buffer, keeping its capacity.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// The text (the bytes are UTF-8 by construction).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
