import PoolAllocator
import PoolText

/// The search's marks on the map, in address order for lookups: each free block looked at so
/// far with its verdict's style and glyph (`×`, `≠`, `✓`), the one looked at now `.candidate`.
struct SearchMarks {
    struct Mark {
        var bytes: Range<Int>
        var style: CellStyle
        /// The glyph of its free cells; nil keeps the map's own (`░`).
        var glyph: Character?
    }

    /// Disjoint (free blocks never overlap), sorted by their first byte.
    let marks: [Mark]

    init(_ view: SearchView?) {
        guard let view else {
            marks = []
            return
        }
        var marks: [Mark] = []
        let looks = view.search.looks
        for index in 0..<min(view.revealed, looks.count) {
            let look = looks[index]
            let style: CellStyle
            switch look.verdict {
            case .tooSmall: style = .tooSmall
            case .misaligned: style = .misaligned
            case .fits: style = .fits
            }
            marks.append(Mark(bytes: look.bytes, style: style, glyph: SearchText.glyph(look.verdict)))
        }
        if let current = view.currentIndex {
            marks.append(Mark(bytes: looks[current].bytes, style: .candidate, glyph: nil))
        }
        self.marks = marks.sorted { $0.bytes.lowerBound < $1.bytes.lowerBound }
    }

    var isEmpty: Bool { marks.isEmpty }

    /// The mark with bytes in `bytes`, if any (the first, when a cell spans several).
    /// - Complexity: O(log m) for m marks.
    func mark(overlapping bytes: Range<Int>) -> Mark? {
        // The first mark ending after the cell's start.
        var low = 0, high = marks.count
        while low < high {
            let middle = (low + high) / 2
            if marks[middle].bytes.upperBound <= bytes.lowerBound { low = middle + 1 } else { high = middle }
        }
        guard low < marks.count, marks[low].bytes.lowerBound < bytes.upperBound else { return nil }
        return marks[low]
    }
}

extension MapCellPainter {
    /// Whether a mark over `marked` shows in the cell covering `bytes`: it covers at least half
    /// the cell (and the cell is not mostly a live block's), or it lies wholly inside the cell,
    /// so that a free block smaller than a cell still shows.
    static func shows(_ marked: Range<Int>, in bytes: Range<Int>, kind: RegionKind) -> Bool {
        let overlap = marked.clamped(to: bytes).count
        guard overlap > 0 else { return false }
        return (kind != .used && overlap * 2 >= bytes.count)
            || (marked.lowerBound >= bytes.lowerBound && marked.upperBound <= bytes.upperBound)
    }

    /// The cell the answer marker or a search mark makes of the cell covering `bytes` (of
    /// `kind`, drawn `glyph` so far), or nil when neither shows there. A marker with a would-be
    /// block draws it (padding `▒`, payload `█`); one without (a reveal) keeps the cell's glyph,
    /// or the search's verdict there, in its own style.
    func overlay(bytes: Range<Int>, kind: RegionKind, glyph: Character) -> Cell? {
        Self.overlay(bytes: bytes, kind: kind, glyph: glyph, search: search, marker: marker)
    }

    /// `overlay(bytes:kind:glyph:)` for any painter's marks: the pool's and the heap's.
    static func overlay(
        bytes: Range<Int>, kind: RegionKind, glyph: Character, search: SearchMarks, marker: MapMarker?
    ) -> Cell? {
        let mark =
            search.isEmpty
            ? nil
            : search.mark(overlapping: bytes).flatMap { mark in
                Self.shows(mark.bytes, in: bytes, kind: kind) ? mark : nil
            }
        if let marker, Self.shows(marker.bytes, in: bytes, kind: kind) {
            guard marker.offset != nil else { return Cell(mark?.glyph ?? glyph, .answer) }
            // The would-be block inside the free block: payload, padding before it, or free.
            let inside = marker.bytes.clamped(to: bytes)
            let payload = marker.payload.map { $0.clamped(to: inside).count } ?? 0
            let paddingEnd = marker.payload?.lowerBound ?? marker.bytes.lowerBound
            let padding = (marker.bytes.lowerBound..<max(marker.bytes.lowerBound, paddingEnd)).clamped(to: inside).count
            let free = inside.count - payload - padding
            if payload > 0, payload >= padding, payload >= free { return Cell(MapCells.usedGlyph, .answer) }
            if padding > 0, padding >= free { return Cell(MapCells.paddingGlyph, .answer) }
            return Cell(MapCells.freeGlyph, .answer)
        }
        if let mark { return Cell(mark.glyph ?? glyph, mark.style) }
        return nil
    }
}
