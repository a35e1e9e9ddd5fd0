/// A live allocation: where it starts, how big it is, and the padding it owns.
public struct Block: Equatable, Hashable, Sendable {
    /// The offset `alloc`/`allocAligned` returned; what `free` takes.
    public var offset: Int
    /// The requested size in bytes.
    public var size: Int
    /// The requested alignment (1 for plain allocations).
    public var alignment: Int
    /// Bytes of padding right before `offset`, owned by this block.
    public var padding: Int

    /// Creates a block: its offset, the request's size and alignment, the padding before it.
    public init(offset: Int, size: Int, alignment: Int, padding: Int) {
        self.offset = offset
        self.size = size
        self.alignment = alignment
        self.padding = padding
    }

    /// Where the block's footprint begins: its padding, or `offset` when it has none.
    public var start: Int { offset - padding }
    /// One past the block's last byte.
    public var end: Int { offset + size }
}
