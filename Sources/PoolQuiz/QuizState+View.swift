import MemoryMap
import PoolAllocator
import PoolText

extension QuizState {
    /// The frame for a terminal of `width` × `height`: `screenModel`, rendered.
    public func view(width: Int, height: Int) -> Grid {
        ScreenRenderer.render(screenModel, width: width, height: height)
    }

    /// The frame: the map (the pool before the allocation while its search plays), the quiz's
    /// panel (question, score, the marker's block; the search's listing during a reveal; the
    /// results at the end), the question or verdict on the caption line, what to do on the
    /// statement line, the percentage prompt.
    public var screenModel: ScreenModel {
        let shown = animation.shownPool ?? pool
        var model = ScreenModel(
            pool: shown,
            title: "poolmap quiz — \(source.name) · score \(score.text)",
            names: runner.state.namesByOffset,
            rover: shown.policy == .next ? shown.rover : nil,
            viewport: navigation.viewport,
            fragmentationHistory: fragmentationHistory.entries,
            log: events.entries,
            caption: captionLine,
            statement: statementLine,
            prompt: promptLine,
            isHelpOpen: isHelpOpen,
            helpKeys: KeyHint.quizHelp,
            footerKeys: footerKeys,
            animation: animation.screenAnimation,
            monochrome: monochrome,
            marker: marker,
            sidePanel: panel
        )
        if let heap = runner.state.heap {
            // The heap is drawn (the one before the allocation while its search plays), and its
            // free list, in list order, follows the quiz's panel.
            let freed = runner.state.lastHeapFree
            model.heap = HeapFrame(
                heap: animation.shownHeap ?? heap, freedAddress: freed?.address, freedSize: freed?.size,
                searchedList: animation.search?.heapBefore?.freeList)
        }
        return model
    }

    /// The question, the verdict, or the results in one line.
    var captionLine: String {
        switch stage {
        case .playing:
            return caption ?? "…"
        case .placing(let question, _) where question.heapBefore != nil:
            return "Q\(question.number): \(question.request) returned ? Which element does it take? (\(policyName))"
        case .placing(let question, _):
            return "Q\(question.number): where does \(question.request) land? (\(policyName))"
        case .fragmentation(let question, _):
            return "Q\(question.number): what is the fragmentation now, in percent?"
        case .revealingAllocation(_, _, let verdict), .revealingFragmentation(_, let verdict):
            return verdict.headline
        case .finished:
            let share = score.answered == 0 ? "" : " (\(NumberText.wholePercent(score.totalRight, of: score.answered)))"
            return "Quiz over: \(score.totalRight) of \(score.answered) right\(share)"
        }
    }

    /// What to do now, or why.
    var statementLine: String {
        switch stage {
        case .playing:
            return "playing the statements up to the next question · Enter skips ahead"
        case .placing(let question, _) where question.heapBefore != nil:
            return "1-9 or ←/→ choose the element it takes, in list order, or x if it fails · Enter answers"
        case .placing:
            return "←/→ choose the free block it takes, or x if it fails · Enter answers"
        case .fragmentation:
            return "fragmentation = 1 − largest free / total free · type e.g. 34, 34% or 34.2 · Enter answers"
        case .revealingAllocation(_, _, let verdict), .revealingFragmentation(_, let verdict):
            return verdict.detail
        case .finished:
            return "g retries the same questions" + (source.random == nil ? "" : " · n draws new ones") + " · q quits"
        }
    }

    /// The percentage prompt, while the fragmentation is asked.
    var promptLine: PromptLine? {
        if case .fragmentation(_, let line) = stage { return line }
        return nil
    }

    var footerKeys: [KeyHint] {
        switch stage {
        case .playing: return KeyHint.quizPlayingFooter
        case .placing(let question, _) where question.heapBefore != nil: return KeyHint.quizHeapPlacingFooter
        case .placing: return KeyHint.quizPlacingFooter
        case .fragmentation: return KeyHint.quizFragmentationFooter
        case .revealingAllocation, .revealingFragmentation: return KeyHint.quizRevealFooter
        case .finished: return KeyHint.quizEndFooter(random: source.random != nil)
        }
    }

    /// `best fit`; in a heap scene with its list order, `best fit · ADDRSORT`.
    var policyName: String {
        guard let heap = runner.state.heap else { return SearchText.name(pool.policy) }
        return "\(SearchText.name(heap.policy.fitPolicy)) · \(heap.order.rawValue)"
    }

    /// The student's pick on the map: the free block, and, while asking, where the block would
    /// go in it (during the reveal only the free block, so the pick is not taken for the block).
    var marker: MapMarker? {
        switch stage {
        case .placing(let question, .block(let index)):
            let block = question.blocks[index]
            return MapMarker(bytes: block.bytes, offset: block.alignedOffset, size: question.search.size)
        case .revealingAllocation(let question, .block(let index), _):
            return MapMarker(bytes: question.blocks[index].bytes, offset: nil, size: 0)
        default:
            return nil
        }
    }

    // MARK: The panel

    /// The quiz's panel: its heading and score, then what the stage shows.
    var panel: [PanelText] {
        var lines = [
            PanelText([.init("Quiz · ", .title), .init(policyName, .title)]),
            PanelText([
                .init("question ", .dim), .init("\(questionsAsked)", .emphasis), .init(" · score ", .dim),
                .init(score.text, .emphasis),
            ]),
        ]
        switch stage {
        case .placing(let question, let choice):
            lines += placingLines(question, choice)
        case .fragmentation:
            lines += fragmentationLines
        case .finished:
            lines += resultLines
        case .playing, .revealingAllocation, .revealingFragmentation:
            break
        }
        return lines
    }

    private func hex(_ offset: Int) -> String {
        HexOffset.format(offset, digits: HexOffset.digits(forPoolSize: pool.totalSize))
    }

    private func placingLines(_ question: AllocationQuestion, _ choice: AllocationChoice) -> [PanelText] {
        if question.heapBefore != nil { return heapPlacingLines(question, choice) }
        var lines = [PanelText.blank, PanelText(question.request, .emphasis)]
        if pool.policy == .next { lines.append(PanelText([.init("rover ", .dim), .init(hex(pool.rover), .emphasis)])) }
        lines.append(PanelText("your answer", .dim))
        switch choice {
        case .undecided:
            lines.append(PanelText("  " + AllocationChoice.howToChoose, .dim))
        case .fails:
            lines.append(PanelText([.init("✗ ", .answer), .init("it fails", .emphasis)]))
        case .block(let index):
            let block = question.blocks[index]
            let landing = block.alignedOffset.map { hex($0) } ?? "past its end"
            lines.append(PanelText([.init("▸ ", .answer), .init("lands at \(landing)", .emphasis)]))
            lines.append(
                PanelText("  in \(hex(block.start)), \(SearchText.bytes(block.length))", .dim))
            lines.append(PanelText("  free block \(index + 1) of \(question.blocks.count)", .dim))
        }
        return lines
    }

    /// In a heap scene, the answer as an element of the free list, in list order (the list
    /// itself follows, drawn by the renderer, the element chosen marked).
    private func heapPlacingLines(_ question: AllocationQuestion, _ choice: AllocationChoice) -> [PanelText] {
        var lines = [
            PanelText.blank,
            PanelText(question.request, .emphasis),
            PanelText([
                .init("takes ", .dim), .init(SearchText.bytes(question.search.size), .emphasis),
                .init(" with its header", .dim),
            ]),
            PanelText("your answer", .dim),
        ]
        switch choice {
        case .undecided:
            lines.append(PanelText("  1-9 ←/→ click, or x: fails", .dim))
        case .fails:
            lines.append(PanelText([.init("✗ ", .answer), .init("it fails: returned -1", .emphasis)]))
        case .block(let index):
            let element = question.blocks[index]
            lines.append(
                PanelText([
                    .init("▸ ", .answer), .init("returns \(question.terms.place(element.start))", .emphasis),
                    .init(" (#\(index + 1) of \(question.blocks.count))", .dim),
                ]))
        }
        return lines
    }

    /// The free bytes and the free blocks, in address order: the numbers the formula needs (in
    /// a heap scene, the free list follows, drawn by the renderer).
    private var fragmentationLines: [PanelText] {
        let stats = runner.state.stats
        var lines = [
            PanelText.blank,
            PanelText([.init("free ", .dim), .init(SearchText.bytes(stats.free), .emphasis)]),
        ]
        guard runner.state.heap == nil else { return lines }
        lines.append(PanelText("free blocks", .dim))
        for region in pool.regions where region.kind == .free {
            lines.append(PanelText("  \(hex(region.offset)) \(SearchText.bytes(region.size))"))
            if lines.count > 40 { break }
        }
        return lines
    }

    /// The end screen: right (`✓`) and wrong (`✗`) answers per kind of question.
    private var resultLines: [PanelText] {
        var lines = [PanelText.blank, PanelText([.init("Results ", .title), .init(" ✓ right  ✗ wrong", .dim)])]
        for kind in QuestionKind.allCases {
            let right = score.right[kind] ?? 0, wrong = score.wrong[kind] ?? 0
            lines.append(
                PanelText([
                    .init(Self.padded(kind.label), .dim), .init(Self.column(right, "✓"), .ok),
                    .init(Self.column(wrong, "✗"), .error),
                ]))
        }
        lines.append(PanelText([.init(Self.padded("total"), .dim), .init(" " + score.text, .emphasis)]))
        return lines
    }

    /// A label padded to the results' first column.
    static func padded(_ label: String) -> String {
        label + String(repeating: " ", count: max(1, 15 - label.count))
    }

    /// `  3 ✓`, right-aligned in 5 columns.
    static func column(_ count: Int, _ glyph: String) -> String {
        let text = "\(count) \(glyph)"
        return String(repeating: " ", count: max(1, 5 - text.count)) + text
    }
}
