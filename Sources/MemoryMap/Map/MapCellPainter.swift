import PoolAllocator

/// Turns a map cell's byte range into a styled `Cell` for one frame: the cell rule, slivers,
/// alternating neighbours, the selection and the animations.
struct MapCellPainter {
    let pool: MemoryPool
    let monochrome: Bool
    /// The selected block's footprint, if any.
    let selected: Range<Int>?
    /// Next fit's rover, if it is shown: the byte whose cell is drawn `.rover` (the pool's last
    /// byte when the rover is at its end).
    let rover: Int?
    let appearing: SpanSet
    let fading: SpanSet
    let slide: SlideFrame?
    /// The search made visible, and the answer marker (`MapCellPainter+Search`).
    let search: SearchMarks
    let marker: MapMarker?
    /// A recorded layout's pending blocks, unreserved bytes and segment starts, if any.
    let pending: SpanSet
    let unreserved: SpanSet
    let segmentStarts: SpanSet

    init(model: ScreenModel) {
        pool = model.pool
        monochrome = model.monochrome
        selected = model.selectedOffset.flatMap { model.pool.block(at: $0) }.map { $0.start..<$0.end }
        rover = model.rover.map { min(max(0, $0), max(0, model.pool.totalSize - 1)) }
        appearing = SpanSet(model.animation.appearing)
        fading = SpanSet(model.animation.fading)
        slide = model.animation.slide.flatMap(SlideFrame.init)
        search = SearchMarks(model.animation.search)
        marker = model.marker
        let layout = model.recordedLayout
        pending = SpanSet(layout?.pending ?? [])
        unreserved = SpanSet(layout?.unreserved ?? [])
        segmentStarts = SpanSet(layout?.segments.map { $0.offsets.lowerBound..<($0.offsets.lowerBound + 1) } ?? [])
    }

    /// The glyph of a cell that is mostly a pending block's bytes.
    static let pendingGlyph: Character = "▚"
    /// The glyph of a cell that is mostly unreserved bytes.
    static let unreservedGlyph: Character = "·"
    /// The glyph of the cell where a segment begins.
    static let segmentStartGlyph: Character = "▎"

    /// The glyph used for a block drawn in the alternate colour when there are no colours.
    static let monochromeAlternateGlyph: Character = "▓"
    /// The glyph of a cell that is mostly free or padding but holds used bytes.
    static let sliverGlyph: Character = "▏"

    /// The cells `first..<first + count` of `geometry`, which are contiguous: each boundary is
    /// queried once, as the usage of `0..<boundary` (one tree descent: the pool's prefix sums
    /// are what `usage(in:)` computes from), and a cell is the difference of its two ends.
    /// - Complexity: O((count + 1) · log n), plus O(log m) per cell during a slide of m moves.
    func cells(of geometry: MapGeometry, from first: Int, count: Int) -> [Cell] {
        var out: [Cell] = []
        guard count > 0 else { return out }
        out.reserveCapacity(count)
        var lo = geometry.range(ofCell: first).lowerBound
        var before = prefix(lo)
        for index in first..<(first + count) {
            let hi = geometry.range(ofCell: index).upperBound
            let through = prefix(hi)
            out.append(cell(for: lo..<hi, before: before, through: through))
            lo = hi
            before = through
        }
        return out
    }

    /// Payload and padding bytes of `0..<x`, and how many blocks start before `x`.
    private func prefix(_ x: Int) -> RangeUsage {
        x <= 0
            ? RangeUsage(usedBytes: 0, paddingBytes: 0, freeBytes: 0, blockCount: 0, blocksBefore: 0)
            : pool.usage(in: 0..<x)
    }

    /// The cell covering `bytes`, from the prefix usages at its two ends.
    private func cell(for bytes: Range<Int>, before: RangeUsage, through: RangeUsage) -> Cell {
        var usage = RangeUsage(
            usedBytes: through.usedBytes - before.usedBytes,
            paddingBytes: through.paddingBytes - before.paddingBytes,
            freeBytes: 0, blockCount: 0, blocksBefore: 0)
        usage.freeBytes = bytes.count - usage.usedBytes - usage.paddingBytes
        var moving = false
        if let slide {
            moving = slide.adjust(&usage, for: bytes)
        }
        let kind = MapCells.kind(of: usage)
        var glyph: Character
        var style: CellStyle
        switch kind {
        case .used:
            // Blocks starting before the cell's end; a cell is drawn with the parity of the
            // last block starting in it or covering it, so neighbours alternate. Cells where
            // several blocks start are dense and never alternate.
            let startsBefore = through.blockCount
            let startsInside = startsBefore - before.blockCount
            let alternate = startsInside < 2 && (startsBefore - 1) % 2 == 1
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
        if !pending.isEmpty || !unreserved.isEmpty || !segmentStarts.isEmpty {
            recorded(bytes: bytes, usage: usage, kind: kind, glyph: &glyph, style: &style)
        }
        if moving {
            style = .moving
        } else if let rover, bytes.contains(rover) {
            style = .rover
        } else if marker != nil || !search.isEmpty, let marked = overlay(bytes: bytes, kind: kind, glyph: glyph) {
            return marked
        } else if let selected, selected.overlaps(bytes), usage.usedBytes + usage.paddingBytes > 0 {
            style = .selected
        } else if usage.usedBytes > 0, !appearing.isEmpty, appearing.intersects(bytes) {
            style = .appearing
        } else if kind != .used, !fading.isEmpty, fading.intersects(bytes) {
            style = .fading
        }
        return Cell(glyph, style)
    }
}

extension MapCellPainter {
    /// A recorded layout's reading of a cell: where a segment begins, its mark; a used cell
    /// mostly pending, pending; a cell with no used bytes mostly unreserved, unreserved.
    fileprivate func recorded(
        bytes: Range<Int>, usage: RangeUsage, kind: RegionKind, glyph: inout Character, style: inout CellStyle
    ) {
        if segmentStarts.intersects(bytes) {
            glyph = Self.segmentStartGlyph
            style = .segmentStart
        } else if kind == .used, pending.overlap(with: bytes) * 2 >= usage.usedBytes {
            glyph = Self.pendingGlyph
            style = .pendingFree
        } else if usage.usedBytes == 0, unreserved.overlap(with: bytes) * 2 > bytes.count {
            glyph = Self.unreservedGlyph
            style = .unreserved
        }
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
