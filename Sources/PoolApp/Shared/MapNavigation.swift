import MemoryMap
import PoolAllocator

/// What the map shows — the whole pool, or a zoomed and scrolled part — and which block is
/// selected, with the keys and clicks that change them. The explorer, the player and the quiz
/// each keep one, so `+` `-` `0`, PgUp/PgDn and the wheel work the same in all three (and `h`
/// `l` and clicks in the explorer and the player; the quiz's marker takes those).
///
/// It holds no pool: every change is given the pool and the screen's layout as they are now.
package struct MapNavigation: Sendable {
    /// Which bytes the map shows.
    package var viewport: MapViewport = .fit
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

    package init() {}

    /// Which bytes each map cell covers now.
    package func geometry(_ pool: MemoryPool, _ layout: ScreenLayout) -> MapGeometry {
        layout.mapGeometry(totalSize: pool.totalSize, viewport: viewport)
    }

    /// A key the map understands: `h`/`l` select the previous/next block, and the keys of
    /// ``zoomOrScroll(_:pool:layout:around:)``.
    /// - Returns: whether the key was one of those.
    mutating func handle(_ key: Key, pool: MemoryPool, layout: ScreenLayout) -> Bool {
        switch key {
        case .character("h"): selectPrevious(pool, layout)
        case .character("l"): selectNext(pool, layout)
        default: return zoomOrScroll(key, pool: pool, layout: layout)
        }
        return true
    }

    /// `+`/`=` and `-`/`_` zoom around `centre` (else ``zoomCentre(_:_:)``), `0` fits the whole
    /// pool, PgUp/PgDn scroll a zoomed map.
    /// - Returns: whether the key was one of those.
    package mutating func zoomOrScroll(
        _ key: Key, pool: MemoryPool, layout: ScreenLayout, around centre: Int? = nil
    ) -> Bool {
        switch key {
        case .character("+"), .character("="): zoomIn(pool, layout, around: centre)
        case .character("-"), .character("_"): zoomOut(pool, layout, around: centre)
        case .character("0"): viewport = .fit
        case .pageUp: scroll(byRows: -max(1, layout.mapRows - 1), pool, layout)
        case .pageDown: scroll(byRows: max(1, layout.mapRows - 1), pool, layout)
        default: return false
        }
        return true
    }

    /// Selects the live block at `offset` and scrolls a zoomed map to it.
    mutating func select(_ offset: Int, _ pool: MemoryPool, _ layout: ScreenLayout) {
        selectedOffset = offset
        reveal(offset, pool, layout)
    }

    /// Scrolls a zoomed map to show byte `offset`.
    package mutating func reveal(_ offset: Int, _ pool: MemoryPool, _ layout: ScreenLayout) {
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

    /// Halves the bytes per cell (down to one byte per cell) around `centre`, else `zoomCentre`.
    mutating func zoomIn(_ pool: MemoryPool, _ layout: ScreenLayout, around centre: Int? = nil) {
        let current = geometry(pool, layout)
        guard current.bytesPerCell > 1 else { return }
        viewport = current.zoomedIn(around: centre ?? zoomCentre(pool, layout))
    }

    /// Doubles the bytes per cell around `centre`, else `zoomCentre`, up to the whole pool.
    mutating func zoomOut(_ pool: MemoryPool, _ layout: ScreenLayout, around centre: Int? = nil) {
        viewport = geometry(pool, layout).zoomedOut(around: centre ?? zoomCentre(pool, layout))
    }

    /// Scrolls a zoomed map by `rows` rows (negative: up); a fitted map stays.
    package mutating func scroll(byRows rows: Int, _ pool: MemoryPool, _ layout: ScreenLayout) {
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
