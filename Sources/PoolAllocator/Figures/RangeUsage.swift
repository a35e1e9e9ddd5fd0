/// How the bytes of an address range divide between kinds; what a map cell summarizes.
public struct RangeUsage: Equatable, Sendable {
    /// Bytes of live blocks (padding excluded) in the range.
    public var usedBytes: Int
    /// Padding bytes in the range.
    public var paddingBytes: Int
    /// Free bytes in the range.
    public var freeBytes: Int
    /// Live blocks with at least one byte (payload or padding) in the range.
    public var blockCount: Int
    /// Live blocks lying wholly before the range: the ordinal, in address order, of the first
    /// block that touches it. Its parity tells neighbouring blocks apart on a map.
    public var blocksBefore: Int

    /// Creates the figures of one range from its byte counts and blocks.
    public init(usedBytes: Int, paddingBytes: Int, freeBytes: Int, blockCount: Int, blocksBefore: Int) {
        self.usedBytes = usedBytes
        self.paddingBytes = paddingBytes
        self.freeBytes = freeBytes
        self.blockCount = blockCount
        self.blocksBefore = blocksBefore
    }

    /// The range's length in bytes.
    public var totalBytes: Int { usedBytes + paddingBytes + freeBytes }
}
