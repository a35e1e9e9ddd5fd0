import PoolAllocator

extension MapCells {
    /// The plain map line of a whole free-list heap for headless output: exactly `width`
    /// characters (fewer only when the heap has fewer bytes), by the heap's cell rule
    /// (`HeapCellPainter`): `█` payload, `▀` header, `▒` the rounding's padding, `░` free, `¦`
    /// where a free element starts right after another, `▏` a sliver.
    /// - Complexity: O(width + n) for n elements and blocks, after O(n log n) to order them.
    package static func textLine(of heap: FreeListHeap, width: Int) -> String {
        let geometry = MapGeometry(totalSize: heap.size, viewport: .fit, rows: 1, columns: max(0, width), spread: true)
        let cells = HeapCellPainter(heap: heap).cells(of: geometry, from: 0, count: geometry.cellCount)
        return String(cells.map(\.character))
    }
}
