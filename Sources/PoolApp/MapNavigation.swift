import MemoryMap
import PoolAllocator

/// What the map shows — the whole pool, or a zoomed and scrolled part — and which block is
/// selected, with the keys and clicks that change them. The explorer and the player both keep
/// one, so `+` `-` `0`, `h` `l`, PgUp/PgDn, the wheel and clicks work the same in both.
///
/// It holds no pool: every change is given the pool and the screen's layout as they are now.
struct MapNavigation: Sendable {
    /// Which bytes the map shows.
    var viewport: MapViewport = .fit
    /// The selected block's offset, if any (the owner keeps it pointing at a live block).
    var selectedOffset: Int?

    /// The viewport as it applies to `pool`: a zoom of more bytes per cell than the pool holds
    /// (kept from a larger scene the player has since left) shows the whole pool.
    func viewport(for pool: MemoryPool) -> MapViewport {
        guard let bytesPerCell = viewport.bytesPerCell, bytesPerCell > pool.totalSize else { return viewport }
        return .fit
    }

    /// The selected block, if it is live in `pool`.
    func selectedBlock(in pool: MemoryPool) -> Block? {
        selectedOffset.flatMap { pool.block(at: $0) }
    }

    /// Which bytes each map cell covers now.
    func geometry(_ pool: MemoryPool, _ layout: ScreenLayout) -> MapGeometry {
        layout.mapGeometry(totalSize: pool.totalSize, viewport: viewport)
    }

    /// A key the map understands: `+`/`=` and `-`/`_` zoom, `0` fits the whole pool, `h`/`l`
    /// select the previous/next block, PgUp/PgDn scroll a zoomed map.
    /// - Returns: whether the key was one of those.
    mutating func handle(_ key: Key, pool: MemoryPool, layout: ScreenLayout) -> Bool {
        switch key {
        case .character("+"), .character("="): zoomIn(pool, layout)
        case .character("-"), .character("_"): zoomOut(pool, layout)
        case .character("0"): viewport = .fit
        case .character("h"): selectPrevious(pool, layout)
        case .character("l"): selectNext(pool, layout)
        case .pageUp: scroll(byRows: -max(1, layout.mapRows - 1), pool, layout)
        case .pageDown: scroll(byRows: max(1, layout.mapRows - 1), pool, layout)
        default: return false
        }
        return true
    }

    /// Selects the live block at `offset` and scrolls a zoomed map to it.
    mutating func select(_ offset: Int, _ pool: MemoryPool, _ layout: ScreenLayout) {
        selectedOffset = offset
        viewport = geometry(pool, layout).revealing(offset)
    }

    mutating func selectPrevious(_ pool: MemoryPool, _ layout: ScreenLayout) {
        guard let current = selectedOffset else { return selectLast(pool, layout) }
        if let block = pool.block(before: current) { select(block.offset, pool, layout) }
    }

    mutating func selectNext(_ pool: MemoryPool, _ layout: ScreenLayout) {
        guard let current = selectedOffset else { return selectFirst(pool, layout) }
        if let block = pool.block(after: current) { select(block.offset, pool, layout) }
    }

    mutating func selectFirst(_ pool: MemoryPool, _ layout: ScreenLayout) {
        if let block = pool.firstBlock { select(block.offset, pool, layout) }
    }

    mutating func selectLast(_ pool: MemoryPool, _ layout: ScreenLayout) {
        if let block = pool.lastBlock { select(block.offset, pool, layout) }
    }

    /// The byte zooming centres on: the selected block's middle, else the middle of the view.
    func zoomCentre(_ pool: MemoryPool, _ layout: ScreenLayout) -> Int {
        if let block = selectedBlock(in: pool) { return block.start + (block.end - block.start) / 2 }
        let bytes = geometry(pool, layout).bytes
        return bytes.lowerBound + bytes.count / 2
    }

    /// Halves the bytes per cell (down to one byte per cell) around `zoomCentre`.
    mutating func zoomIn(_ pool: MemoryPool, _ layout: ScreenLayout) {
        let current = geometry(pool, layout)
        guard current.bytesPerCell > 1 else { return }
        viewport = current.zoomedIn(around: zoomCentre(pool, layout))
    }

    /// Doubles the bytes per cell around `zoomCentre`, up to the whole pool.
    mutating func zoomOut(_ pool: MemoryPool, _ layout: ScreenLayout) {
        viewport = geometry(pool, layout).zoomedOut(around: zoomCentre(pool, layout))
    }

    /// Scrolls a zoomed map by `rows` rows (negative: up); a fitted map stays.
    mutating func scroll(byRows rows: Int, _ pool: MemoryPool, _ layout: ScreenLayout) {
        viewport = geometry(pool, layout).scrolled(byRows: rows)
    }

    /// A click: selects the block under it on the map or the overview bar; a click on free
    /// space clears the selection.
    /// - Returns: whether the click was on the map or the overview bar at all.
    @discardableResult
    mutating func click(row: Int, column: Int, _ pool: MemoryPool, _ layout: ScreenLayout) -> Bool {
        guard layout.bytes(atRow: row, column: column, totalSize: pool.totalSize, viewport: viewport) != nil else {
            return false
        }
        if let block = layout.block(atRow: row, column: column, in: pool, viewport: viewport) {
            select(block.offset, pool, layout)
        } else {
            selectedOffset = nil
        }
        return true
    }
}
