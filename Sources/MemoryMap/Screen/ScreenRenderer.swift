import PoolAllocator

/// The pure screen renderer: a `ScreenModel` and a size in, a `Grid` out. No I/O, no state;
/// the same model and size always give the same grid.
///
/// Layout: see `ScreenLayout`. Below `ScreenLayout.minimumWidth` × `minimumHeight` the grid
/// holds only a wrapped message saying the terminal is too small and what it needs.
public enum ScreenRenderer {
    /// Draws `model` on a `width` × `height` grid (negative sizes give an empty grid).
    /// - Complexity: O(C · log n) for C map and overview cells and n blocks, plus O(m log m)
    ///   during a slide of m ≤ `SlideAnimation.maximumAnimatedMoves` moves; never O(n).
    public static func render(_ model: ScreenModel, width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        let layout = ScreenLayout(model: model, width: width, height: height)
        if layout.isTooSmall {
            drawTooSmall(into: &grid)
            return grid
        }
        let stats = model.heap?.heap.stats ?? model.pool.stats
        let geometry = layout.mapGeometry(totalSize: model.pool.totalSize, viewport: model.viewport)
        drawTitle(model, stats: stats, layout: layout, into: &grid)
        drawTimeline(model, layout: layout, into: &grid)
        // One drawing path, two models: the painter is the only part that differs.
        if let heap = model.heap?.heap {
            drawMaps(
                model, painter: HeapCellPainter(model: model, heap: heap), geometry: geometry, layout: layout,
                into: &grid)
        } else {
            drawMaps(model, painter: MapCellPainter(model: model), geometry: geometry, layout: layout, into: &grid)
        }
        drawPanel(model, stats: stats, layout: layout, into: &grid)
        drawScrollbar(geometry, layout: layout, into: &grid)
        drawLog(model, layout: layout, into: &grid)
        drawPlayback(model, layout: layout, into: &grid)
        drawPrompt(model, layout: layout, into: &grid)
        drawFooter(model.footerKeys, row: layout.footerRow, into: &grid)
        if model.isHelpOpen {
            drawHelp(model.helpKeys, into: &grid)
        }
        return grid
    }
}
