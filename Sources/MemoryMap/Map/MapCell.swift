import PoolAllocator

/// One cell of a pool map: the bytes it covers, how they divide between kinds, and the kind
/// it is drawn as.
struct MapCell: Equatable, Sendable {
    /// The bytes this cell covers; never empty.
    package var bytes: Range<Int>
    /// How the covered bytes divide between used, padding and free.
    package var usage: RangeUsage
    /// The kind with the most bytes in the cell; ties go to used, then padding, then free.
    var kind: RegionKind

    package init(bytes: Range<Int>, usage: RangeUsage) {
        self.bytes = bytes
        self.usage = usage
        self.kind = MapCells.kind(of: usage)
    }

    /// Whether the cell is free- or padding-majority but still holds bytes of a live block;
    /// a map must never hide those, so it draws them as a sliver.
    var hidesUsedBytes: Bool { kind != .used && usage.usedBytes > 0 }

    /// The plain glyph of the cell's kind: `█` used, `▒` padding, `░` free.
    var glyph: Character { MapCells.glyph(for: kind) }
}
