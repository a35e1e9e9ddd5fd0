import PoolAllocator
import PoolText

extension ScreenRenderer {
    /// The panel's lines: the app's own side panel, or the stats, the figures and the inspector; while a
    /// search is shown, its listing instead of the stats and inspector (after the side panel).
    static func panelLines(_ model: ScreenModel, stats: PoolStats, layout: ScreenLayout) -> [PanelLine] {
        let width = layout.panelWidth - 1
        var lines: [PanelLine]
        if let heap = model.heap {
            // A heap's panel lists its search within the free list, in list order, below the
            // app's own lines (the quiz's question and answer).
            let side: [PanelLine] = model.sidePanel?.map { line in line.runs.map { ($0.text, $0.style) } } ?? []
            let rows = layout.panelBottomRow - layout.panelTopRow - side.count
            return side + heapPanelLines(heap, model: model, stats: stats, rows: rows, width: width)
        } else if let side = model.sidePanel {
            lines = side.map { line in line.runs.map { ($0.text, $0.style) } }
        } else if model.animation.search == nil {
            // The figures follow the stats when at least the inspector's first two lines (the
            // block, its alignment) still fit below them; on a shorter panel the inspector comes
            // first and the figures take the rows left.
            let rows = layout.panelBottomRow - layout.panelTopRow
            let figures = figuresLines(model.figures ?? model.pool.figures, width: width)
            let inspector = inspectorLines(model, width: width)
            lines = statsLines(model, stats: stats, width: width)
            lines += lines.count + figures.count + 2 <= rows ? figures + inspector : inspector + figures
        } else {
            lines = []
        }
        if let search = model.animation.search {
            let rows = layout.panelBottomRow - layout.panelTopRow - lines.count
            lines += searchLines(search, poolSize: model.pool.totalSize, rows: rows)
        }
        return lines
    }

    /// The glyph of the free block being looked at, in the listing.
    static let candidateGlyph: Character = "▸"
    /// The glyph of next fit's wrap to offset 0, in the listing.
    static let wrapGlyph: Character = "↻"

    /// The search listed for the panel, in at most `rows` lines: its policy and request, then
    /// one line per free block looked at (`× 0x0100 40 B too small`; the latest when they do
    /// not all fit), then, once decided, the block taken and where the request lands.
    static func searchLines(_ view: SearchView, poolSize: Int, rows: Int) -> [PanelLine] {
        guard rows > 0 else { return [] }
        let search = view.search
        let digits = HexOffset.digits(forPoolSize: poolSize)
        func hex(_ offset: Int) -> String { HexOffset.format(offset, digits: digits) }
        var head: [PanelLine] = [
            [("Search · ", .title), (SearchText.name(search.policy), .title)],
            [(AllocationFailure.request(size: search.size, alignment: search.alignment), .emphasis)],
        ]
        if search.policy == .next { head.append([("from the rover ", .dim), (hex(search.startOffset), .emphasis)]) }
        var body: [PanelLine] = []
        for index in 0..<min(search.looks.count, view.revealed + (view.currentIndex == nil ? 0 : 1)) {
            let look = search.looks[index]
            if index == search.wrapIndex { body.append([("\(wrapGlyph) wraps to ", .dim), (hex(0), .emphasis)]) }
            let place = " \(hex(look.start)) \(SearchText.bytes(look.length)) "
            if index == view.currentIndex {
                body.append([(String(candidateGlyph), .candidate), (place, .plain), ("looking", .dim)])
            } else {
                let style = verdictStyle(look.verdict)
                body.append([
                    (String(SearchText.glyph(look.verdict)), style), (place, .plain),
                    (SearchText.word(look.verdict), style),
                ])
            }
        }
        var tail: [PanelLine] = []
        if view.isDecided {
            if view.revealed >= search.looks.count, search.wrapIndex == search.looks.count {
                body.append([("\(wrapGlyph) wraps to ", .dim), (hex(0), .emphasis)])
            }
            if let chosen = search.chosen, let offset = search.offset {
                tail.append([(chosenLabel(search.policy) + ": ", .dim), (hex(chosen.start), .emphasis)])
                tail.append([("→ lands at \(hex(offset)) (\(NumberText.grouped(offset)))", .ok)])
                if chosen.padding > 0 {
                    tail.append([("  after \(SearchText.bytes(chosen.padding)) of padding", .dim)])
                }
            } else {
                tail.append([("→ fails: none fits", .error)])
            }
        }
        // The newest look lines when they do not all fit, under a line saying how many are left out.
        let room = rows - head.count - tail.count
        guard room > 0 else { return Array((head + tail).prefix(rows)) }
        if body.count > room {
            let kept = max(0, room - 1)
            let hidden = body.count - kept
            body = [[("⋮ \(hidden) more above", .dim)]] + body.suffix(kept)
        }
        return head + body + tail
    }

    /// `first that fits`, `first from rover`, `smallest that fits`, `largest that fits`.
    static func chosenLabel(_ policy: FitPolicy) -> String {
        switch policy {
        case .first: return "first that fits"
        case .next: return "first from rover"
        case .best: return "smallest that fits"
        case .worst: return "largest that fits"
        }
    }

    static func verdictStyle(_ verdict: FitSearch.Verdict) -> CellStyle {
        switch verdict {
        case .tooSmall: return .tooSmall
        case .misaligned: return .misaligned
        case .fits: return .fits
        }
    }
}
