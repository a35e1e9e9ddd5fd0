import MemoryMap
import PoolAllocator

extension ExplorerState {
    /// Selects the live block at `offset` and scrolls the map to it when zoomed.
    mutating func select(_ offset: Int) {
        selectedOffset = offset
        viewport = mapGeometry.revealing(offset)
    }

    mutating func selectPrevious() {
        guard let current = selectedOffset else { return selectLast() }
        if let block = pool.block(before: current) { select(block.offset) }
    }

    mutating func selectNext() {
        guard let current = selectedOffset else { return selectFirst() }
        if let block = pool.block(after: current) { select(block.offset) }
    }

    mutating func selectFirst() {
        if let block = pool.firstBlock { select(block.offset) }
    }

    mutating func selectLast() {
        if let block = pool.lastBlock { select(block.offset) }
    }

    /// The byte zooming centres on: the selected block's middle, else the middle of the view.
    var zoomCentre: Int {
        if let block = selectedBlock { return block.start + (block.end - block.start) / 2 }
        let bytes = mapGeometry.bytes
        return bytes.lowerBound + bytes.count / 2
    }

    /// Halves the bytes per cell (down to one byte per cell) around ``zoomCentre``.
    mutating func zoomIn() {
        let geometry = mapGeometry
        guard geometry.bytesPerCell > 1 else { return }
        viewport = geometry.zoomedIn(around: zoomCentre)
    }

    /// Doubles the bytes per cell around ``zoomCentre``, up to the whole pool.
    mutating func zoomOut() {
        viewport = mapGeometry.zoomedOut(around: zoomCentre)
    }

    /// Scrolls the zoomed map by `rows` rows (negative: up); a fitted map stays.
    mutating func scroll(byRows rows: Int) {
        viewport = mapGeometry.scrolled(byRows: rows)
    }

    /// Selects the block under a click on the map or the overview bar; a click on free space
    /// clears the selection, a click elsewhere changes nothing.
    mutating func select(atScreenRow row: Int, column: Int) {
        let layout = self.layout
        guard layout.bytes(atRow: row, column: column, totalSize: pool.totalSize, viewport: viewport) != nil else {
            return
        }
        guard let block = layout.block(atRow: row, column: column, in: pool, viewport: viewport) else {
            selectedOffset = nil
            return
        }
        select(block.offset)
    }
}
