import PoolAllocator
import PoolText

extension ScreenRenderer {
    /// The panel of a free-list heap: its rules, the free list **in list order** (position,
    /// address, size) — while an allocation's search is shown, each element looked at marked
    /// with its verdict (`×` too small, `✓` fits, `▸` looking), then the element taken and
    /// malloc.py's count, "searched N elements"; after a free, the element that holds the freed
    /// block (`◂ freed`, or `◂ freed, merged` when coalescing joined it to a list neighbour);
    /// the element the quiz's marker points at, `▸ yours` — then the heap's figures and the
    /// run's high-water mark and peak live, in at most `rows` lines of `width` columns.
    static func heapPanelLines(
        _ frame: HeapFrame, model: ScreenModel, stats: PoolStats, rows: Int, width: Int
    ) -> [PanelLine] {
        let heap = frame.heap
        let view = model.animation.search
        // While a search is shown, the list it walked (the heap before the allocation).
        let list = view == nil ? heap.freeList : frame.searchedList ?? heap.freeList
        var head: [PanelLine] = [
            [("Free list", .title), (" · \(heap.policy.rawValue) · \(heap.order.rawValue)", .title)],
            [
                ("header ", .dim), (String(heap.headerSize), .emphasis),
                ("  round ", .dim), (heap.sizeMultiple.map(String.init) ?? "none", .emphasis),
                (heap.coalesces ? "  coalesce" : "  no merge", .dim),
            ],
        ]
        if let view {
            head.append([
                ("alloc takes ", .dim), (SearchText.bytes(view.search.size), .emphasis), (" with header", .dim),
            ])
        }
        let addressWidth = max(4, list.map { String($0.address).count }.max() ?? 4)
        func aligned(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        head.append([("  #" + aligned("addr", addressWidth + 1) + "  size", .dim)])
        var body: [PanelLine] = []
        let freedPlace =
            view != nil
            ? nil
            : frame.freedAddress.flatMap { address in
                list.firstIndex { $0.address <= address && address < $0.address + max(1, $0.size) }
            }
        for (place, element) in list.enumerated() {
            var mark: (String, CellStyle) = (" ", .plain)
            var note: (String, CellStyle) = ("", .plain)
            if let view, place < view.search.looks.count {
                if place == view.currentIndex {
                    mark = (String(candidateGlyph), .candidate)
                    note = (" looking", .dim)
                } else if place < view.revealed {
                    let verdict = view.search.looks[place].verdict
                    mark = (String(SearchText.glyph(verdict)), verdictStyle(verdict))
                    note = (view.isDecided && place == view.search.chosenIndex ? " taken" : "", .ok)
                }
            } else if let marker = model.marker, marker.bytes.lowerBound == element.address - heap.baseAddress {
                mark = ("▸", .answer)
                note = (" yours", .answer)
            } else if place == freedPlace, let freed = frame.freedAddress {
                let merged = element.address != freed || element.size != frame.freedSize
                note = (merged ? " ◂ freed, merged" : " ◂ freed", .ok)
            }
            body.append([
                mark, (aligned(String(place + 1), 2), .dim),
                (aligned(String(element.address), addressWidth + 1), .emphasis),
                (aligned(String(element.size), 6), .plain), note,
            ])
        }
        if list.isEmpty { body.append([("  (empty)", .dim)]) }
        var tail: [PanelLine] = []
        if let view, view.isDecided {
            tail.append([("searched \(view.search.looks.count) elements", .emphasis)])
            if let chosen = view.search.chosen {
                tail.append([("→ returned \(heap.baseAddress + chosen.start)", .ok)])
            } else {
                tail.append([("→ none fits: returned -1", .error)])
            }
        } else if view == nil, let searched = frame.searched {
            tail.append([("searched \(searched) elements", .emphasis)])
        }
        tail += [
            [
                ("used ", .dim), (SearchText.bytes(stats.used), .emphasis),
                ("  free ", .dim), (SearchText.bytes(stats.free), .emphasis),
            ],
            [
                ("blocks ", .dim), (String(stats.blockCount), .emphasis),
                ("  largest free ", .dim), (SearchText.bytes(stats.largestFree), .emphasis),
            ],
        ]
        // The run's high-water mark and peak live (the heap's own when the app gives none).
        tail += figuresLines(model.figures ?? heap.figures, width: width)
        // The list keeps the element looked at in view: when it does not fit, the lines before it go.
        let room = rows - head.count - tail.count
        guard room > 0 else { return Array((head + tail).prefix(max(0, rows))) }
        if body.count > room {
            let marked = model.marker.flatMap { marker in
                list.firstIndex { $0.address - heap.baseAddress == marker.bytes.lowerBound }
            }
            let focus = view?.currentIndex ?? view.map { min($0.revealed, $0.search.looks.count) } ?? marked ?? 0
            let kept = max(0, room - 1)
            let first = min(max(0, focus - kept / 2), body.count - kept)
            body = Array(body[first..<(first + kept)]) + [[("⋮ \(body.count - kept) more", .dim)]]
        }
        return head + body + tail
    }
}
