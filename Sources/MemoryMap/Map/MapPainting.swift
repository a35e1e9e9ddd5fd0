/// What the map and the overview bar read cells from: the seam between the one drawing path
/// (rows, labels, the overview, the scrollbar) and the model drawn — `MapCellPainter` for a
/// `MemoryPool`, `HeapCellPainter` for a free-list heap. The renderer's drawing functions are
/// generic over it, so each model's painter is called directly (specialized, no existential).
protocol MapPainting {
    /// The cells `first ..< first + count` of `geometry`, which are contiguous.
    func cells(of geometry: MapGeometry, from first: Int, count: Int) -> [Cell]
}

extension MapCellPainter: MapPainting {}
