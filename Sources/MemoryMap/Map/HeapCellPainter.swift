import PoolAllocator

/// Turns a map cell's byte range into a styled `Cell` for a free-list heap (`ScreenModel.heap`):
/// the pool's cell rule with the heap's kinds. A cell is drawn as the kind with the most bytes
/// in it, ties going to payload, then header, then padding, then free: payload `█` (neighbouring
/// blocks alternate, `▓` without colour), header `▀`, the rounding's padding `▒`, free `░`; a
/// free cell where one free element ends and the next begins (no coalescing merged them) is
/// drawn `¦`, and a free- or padding-majority cell holding a block's bytes is a sliver `▏`, as in
/// the pool's map. Offsets are from the heap's base address. The search, the quiz's marker,
/// appearing and fading blocks are drawn as on the pool's map.
struct HeapCellPainter: MapPainting {
    /// The glyph of a header cell.
    static let headerGlyph: Character = "▀"
    /// The glyph of a free cell where a free element starts right after another one.
    static let chunkBoundaryGlyph: Character = "¦"

    let spans: [FreeListHeap.Span]
    let monochrome: Bool
    let selected: Range<Int>?
    let appearing: SpanSet
    let fading: SpanSet
    let search: SearchMarks
    let marker: MapMarker?

    /// The plain painter of the headless map line: no selection, animation or marks.
    init(heap: FreeListHeap) {
        spans = heap.spans
        monochrome = false
        selected = nil
        appearing = SpanSet([])
        fading = SpanSet([])
        search = SearchMarks(nil)
        marker = nil
    }

    init(model: ScreenModel, heap: FreeListHeap) {
        spans = heap.spans
        monochrome = model.monochrome
        selected = model.selectedOffset.flatMap(heap.footprint(ofBlockAt:))
        appearing = SpanSet(model.animation.appearing)
        fading = SpanSet(model.animation.fading)
        search = SearchMarks(model.animation.search)
        marker = model.marker
    }

    /// The cells `first ..< first + count` of `geometry`: one sweep over the spans, which are
    /// in address order and tile the heap.
    /// - Complexity: O(count + n) for n spans (plus a binary search to the first).
    func cells(of geometry: MapGeometry, from first: Int, count: Int) -> [Cell] {
        var out: [Cell] = []
        guard count > 0 else { return out }
        out.reserveCapacity(count)
        let start = geometry.range(ofCell: first).lowerBound
        var index = firstSpan(endingAfter: start)
        for cellIndex in first..<(first + count) {
            let bytes = geometry.range(ofCell: cellIndex)
            while index < spans.count, spans[index].bytes.upperBound <= bytes.lowerBound { index += 1 }
            var tally = Tally()
            var scan = index
            while scan < spans.count, spans[scan].bytes.lowerBound < bytes.upperBound {
                tally.add(spans[scan], overlapping: bytes)
                scan += 1
            }
            out.append(cell(for: bytes, tally))
        }
        return out
    }

    /// The index of the first span whose end is after `offset`.
    private func firstSpan(endingAfter offset: Int) -> Int {
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].bytes.upperBound <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The bytes of each kind in one cell, the last block touching it and whether a boundary
    /// between two free elements lies in it.
    private struct Tally {
        var header = 0, payload = 0, padding = 0, free = 0
        var lastBlock: Int?
        var blocksStarting = 0
        var hasChunkBoundary = false

        mutating func add(_ span: FreeListHeap.Span, overlapping bytes: Range<Int>) {
            let overlap = span.bytes.clamped(to: bytes).count
            guard overlap > 0 else { return }
            switch span.kind {
            case .header: header += overlap
            case .payload: payload += overlap
            case .padding: padding += overlap
            case .free:
                free += overlap
                if span.followsFree, bytes.contains(span.bytes.lowerBound) { hasChunkBoundary = true }
            }
            if span.kind != .free {
                if lastBlock != span.ordinal, bytes.contains(span.bytes.lowerBound) { blocksStarting += 1 }
                lastBlock = span.ordinal
            }
        }
    }

    private func cell(for bytes: Range<Int>, _ tally: Tally) -> Cell {
        let blockBytes = tally.header + tally.payload + tally.padding
        var glyph: Character
        var style: CellStyle
        // The map's own kind, for the search's and the marker's rule.
        var kind = RegionKind.free
        if tally.payload > 0, tally.payload >= tally.header, tally.payload >= tally.padding,
            tally.payload >= tally.free
        {
            kind = .used
            // Neighbouring blocks alternate; a cell where several blocks start never does.
            let alternate = tally.blocksStarting < 2 && (tally.lastBlock ?? 0) % 2 == 1
            glyph = monochrome && alternate ? MapCellPainter.monochromeAlternateGlyph : MapCells.usedGlyph
            style = .used(alternate: alternate)
        } else if tally.header > 0, tally.header >= tally.padding, tally.header >= tally.free {
            kind = .used
            glyph = Self.headerGlyph
            style = .header
        } else if tally.padding > 0, tally.padding >= tally.free {
            // A block's bytes, which a search's marks (drawn on free space) leave alone.
            kind = .used
            glyph = MapCells.paddingGlyph
            style = .padding
        } else if tally.header + tally.payload > 0 {
            glyph = MapCellPainter.sliverGlyph
            style = .sliver
        } else {
            glyph = tally.hasChunkBoundary ? Self.chunkBoundaryGlyph : MapCells.freeGlyph
            style = .free
        }
        if marker != nil || !search.isEmpty,
            let marked = MapCellPainter.overlay(
                bytes: bytes, kind: kind, glyph: glyph, search: search, marker: marker)
        {
            return marked
        }
        if let selected, selected.overlaps(bytes), blockBytes > 0 {
            style = .selected
        } else if blockBytes > 0, !appearing.isEmpty, appearing.intersects(bytes) {
            style = .appearing
        } else if kind != .used, !fading.isEmpty, fading.intersects(bytes) {
            style = .fading
        }
        return Cell(glyph, style)
    }
}
