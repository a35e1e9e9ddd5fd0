/// Which bytes the map shows: the whole pool (`fit`), or a fixed number of bytes per cell
/// scrolled to a first byte. The renderer clamps it to the pool and the screen (see
/// `MapGeometry`), so any value is safe; the app keeps it as state and changes it with
/// `MapGeometry.zoomedIn(around:)`, `zoomedOut(around:)`, `scrolled(byRows:)`.
public struct MapViewport: Equatable, Hashable, Sendable {
    /// Bytes per map cell, or nil to fit the whole pool into the map.
    public var bytesPerCell: Int?
    /// The first byte to show when zoomed; rounded down to a row start when drawn.
    var firstByte: Int

    /// Creates a viewport: the whole pool by default, or `bytesPerCell` from `firstByte`.
    public init(bytesPerCell: Int? = nil, firstByte: Int = 0) {
        self.bytesPerCell = bytesPerCell
        self.firstByte = firstByte
    }

    /// The whole pool in view.
    public static let fit = MapViewport()
}
