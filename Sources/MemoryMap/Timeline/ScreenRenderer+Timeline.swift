extension ScreenRenderer {
    /// The glyph of a stretch not read yet.
    static let timelineUnreadGlyph: Character = "·"

    /// The timeline under the title: its figure (`used` or `frag`) in the label column, then one
    /// cell per stretch of steps — the figure's highest level as a sparkline (`▁`…`█`), or `·`
    /// where the run is not read yet. The glyph always shows the figure; marks are styles: a
    /// stretch where an allocation failed is `.error`, one with a defragment `.moving`, the
    /// current step's cell `.selected`.
    /// - Complexity: O(cells + buckets).
    static func drawTimeline(_ model: ScreenModel, layout: ScreenLayout, into grid: inout Grid) {
        guard let timeline = model.timeline, let row = layout.timelineRow else { return }
        drawTimeline(timeline, row: row, column: layout.overviewColumn, columns: layout.overviewColumns, into: &grid)
    }

    /// The timeline on `row`: its label before `column`, its cells in `columns` columns from it.
    static func drawTimeline(
        _ timeline: TimelineModel, row: Int, column: Int, columns: Int, into grid: inout Grid
    ) {
        let label = timeline.figure == .used ? "used" : "frag"
        grid.put(label, row: row, column: 0, style: .dim, maxWidth: column - 1)
        let count = timeline.cellCount(columns: columns)
        let cursor = timeline.cell(showing: timeline.position, of: count)
        for index in 0..<count {
            let steps = timeline.steps(ofCell: index, of: count)
            var cell = timelineCell(timeline, steps: steps)
            if index == cursor { cell.style = .selected }
            grid[row, column + index] = cell
        }
    }

    /// The cell for `steps`: its buckets' highest level and marks.
    static func timelineCell(_ timeline: TimelineModel, steps: Range<Int>) -> Cell {
        guard !steps.isEmpty, steps.lowerBound < timeline.scannedSteps else {
            return Cell(timelineUnreadGlyph, .dim)
        }
        let first = timeline.bucket(ofStep: steps.lowerBound)
        let last = timeline.bucket(ofStep: min(steps.upperBound, timeline.scannedSteps) - 1)
        var level: Float = 0
        var failure = false, defragment = false
        for bucket in timeline.buckets[first...last] {
            level = max(level, timeline.figure == .used ? bucket.used : bucket.fragmentation)
            failure = failure || bucket.hasFailure
            defragment = defragment || bucket.hasDefragment
        }
        let glyph = Sparkline.glyph(Double(level))
        if failure { return Cell(glyph, .error) }
        if defragment { return Cell(glyph, .moving) }
        return Cell(glyph, .sparkline)
    }
}
