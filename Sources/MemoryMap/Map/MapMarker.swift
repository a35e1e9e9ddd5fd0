/// A free block the user points at on the map (the quiz's answer): its cells are drawn
/// `.answer`, and inside it the block the request would make there — padding `▒` up to the
/// aligned offset, payload `█` — so the aligned offset shows.
public struct MapMarker: Equatable, Sendable {
    /// The free block's bytes.
    public var bytes: Range<Int>
    /// Where the block would start (the first multiple of the alignment in `bytes`), if inside.
    public var offset: Int?
    /// The request's size.
    public var size: Int

    /// Creates the marker of the free block `bytes`, with the block a request of `size` would make at `offset`.
    public init(bytes: Range<Int>, offset: Int?, size: Int) {
        self.bytes = bytes
        self.offset = offset
        self.size = size
    }

    /// The would-be payload, clipped to the free block.
    var payload: Range<Int>? {
        guard let offset, bytes.contains(offset) else { return nil }
        let room = bytes.upperBound - offset
        return offset..<(offset + min(max(0, size), room))
    }
}
