import PoolAllocator

/// Turns a map cell's byte range into a styled `Cell` for one frame: the cell rule, slivers,
/// alternating neighbours, the selection and the animations.
struct MapCellPainter {
    let pool: MemoryPool
    let monochrome: Bool
    /// The selected block's footprint, if any.
    let selected: Range<Int>?
    let appearing: SpanSet
    let fading: SpanSet
    let slide: SlideFrame?

    init(model: ScreenModel) {
        pool = model.pool
        monochrome = model.monochrome
        selected = model.selectedOffset.flatMap { model.pool.block(at: $0) }.map { $0.start..<$0.end }
        appearing = SpanSet(model.animation.appearing)
        fading = SpanSet(model.animation.fading)
        slide = model.animation.slide.flatMap(SlideFrame.init)
    }

    /// The glyph used for a block drawn in the alternate colour when there are no colours.
    static let monochromeAlternateGlyph: Character = "▓"
    /// The glyph of a cell that is mostly free or padding but holds used bytes.
    static let sliverGlyph: Character = "▏"

    /// The cell covering `bytes` (non-empty).
    /// - Complexity: O(log n), plus O(log m) during a slide of m moves.
    func cell(for bytes: Range<Int>) -> Cell {
        var usage = pool.usage(in: bytes)
        var moving = false
        if let slide {
            moving = slide.adjust(&usage, for: bytes)
        }
        let kind = MapCells.kind(of: usage)
        var glyph: Character
        var style: CellStyle
        switch kind {
        case .used:
            let alternate = usage.blockCount == 1 && usage.blocksBefore % 2 == 1
            glyph = monochrome && alternate ? Self.monochromeAlternateGlyph : MapCells.usedGlyph
            style = .used(alternate: alternate)
        case .padding, .free:
            if usage.usedBytes > 0 {
                glyph = Self.sliverGlyph
                style = .sliver
            } else {
                glyph = MapCells.glyph(for: kind)
                style = kind == .free ? .free : .padding
            }
        }
        if moving {
            style = .moving
        } else if let selected, selected.overlaps(bytes), usage.usedBytes + usage.paddingBytes > 0 {
            style = .selected
        } else if usage.usedBytes > 0, !appearing.isEmpty, appearing.intersects(bytes) {
            style = .appearing
        } else if kind != .used, !fading.isEmpty, fading.intersects(bytes) {
            style = .fading
            if usage.usedBytes == 0 { glyph = MapCells.glyph(for: kind) }
        }
        return Cell(glyph, style)
    }
}

/// One frame of a slide: the moved blocks taken out of their new places and drawn at their
/// interpolated ones.
struct SlideFrame {
    /// Moved payloads at their new offsets.
    let newPayloads: SpanSet
    /// Moved blocks' padding at their new offsets.
    let newPadding: SpanSet
    /// Moved payloads where they are drawn in this frame.
    let current: SpanSet

    init?(_ slide: SlideAnimation) {
        guard slide.isAnimated, slide.progress < 1 else { return nil }
        let moves = slide.moves
        newPayloads = SpanSet(sortedDisjoint: moves.map { $0.to..<($0.to + $0.size) })
        newPadding = SpanSet(sortedDisjoint: moves.map { ($0.to - $0.padding)..<$0.to })
        // Old and new payloads are both in address order and disjoint, so interpolated ones are too.
        current = SpanSet(sortedDisjoint: zip(slide.currentOffsets(), moves).map { $0..<($0 + $1.size) })
    }

    /// Rewrites `usage` of `bytes` for this frame. - Returns: whether a moving block is in it.
    func adjust(_ usage: inout RangeUsage, for bytes: Range<Int>) -> Bool {
        let movingUsed = current.overlap(with: bytes)
        let used = usage.usedBytes - newPayloads.overlap(with: bytes) + movingUsed
        let padding = usage.paddingBytes - newPadding.overlap(with: bytes)
        usage.usedBytes = max(0, used)
        usage.paddingBytes = max(0, padding)
        usage.freeBytes = max(0, bytes.count - usage.usedBytes - usage.paddingBytes)
        return movingUsed > 0
    }
}
