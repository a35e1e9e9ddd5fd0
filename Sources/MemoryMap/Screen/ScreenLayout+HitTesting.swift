import PoolAllocator

extension ScreenLayout {
    /// The bytes under screen position (`row`, `column`): a map cell's or an overview cell's
    /// range, or nil elsewhere (and when the screen is too small).
    /// - Complexity: O(1).
    public func bytes(atRow row: Int, column: Int, totalSize: Int, viewport: MapViewport) -> Range<Int>? {
        let range: Range<Int>
        switch hit(row: row, column: column) {
        case .map(let cell)?:
            range = mapGeometry(totalSize: totalSize, viewport: viewport).range(ofCell: cell)
        case .overview(let cell)?:
            range = overviewGeometry(totalSize: totalSize).range(ofCell: cell)
        case .timeline?, nil:
            return nil
        }
        return range.isEmpty ? nil : range
    }

    /// The block under screen position (`row`, `column`), for selecting with the mouse: the
    /// first live block with bytes in the cell there (its padding counts), or nil over free
    /// space and outside the map and overview bar.
    /// - Complexity: O(log n).
    public func block(atRow row: Int, column: Int, in pool: MemoryPool, viewport: MapViewport) -> Block? {
        guard let range = bytes(atRow: row, column: column, totalSize: pool.totalSize, viewport: viewport) else {
            return nil
        }
        if let block = pool.block(containing: range.lowerBound) { return block }
        // The next block's offset may lie past the cell while its padding starts inside it.
        guard let next = pool.block(after: range.lowerBound), next.start < range.upperBound else { return nil }
        return next
    }
}

extension ScreenLayout {
    /// The position a click at (`row`, `column`) on the timeline seeks to, or nil when the click
    /// is not on one of its cells.
    /// - Complexity: O(1).
    public func timelinePosition(atRow row: Int, column: Int, of timeline: TimelineModel) -> Int? {
        guard case .timeline(let index)? = hit(row: row, column: column) else { return nil }
        let count = timeline.cellCount(columns: overviewColumns)
        guard index < count else { return nil }
        return timeline.position(ofCell: index, of: count)
    }
}
