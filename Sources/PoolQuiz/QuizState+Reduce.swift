import MemoryMap
import PoolApp

extension QuizState {
    /// Applies one event: the quiz's whole behaviour, key by key.
    /// - Returns: `.quit` for `q` or `Q` outside the percentage entry (``QuitAndHelp``), else
    ///   `.continue`.
    public mutating func reduce(_ event: InputEvent) -> AppAction {
        switch event {
        case .tick:
            tick()
        case .resize(let size):
            screenSize = size
        case .click(let row, let column):
            inputs += 1
            if !isHelpOpen { click(row: row, column: column) }
        case .wheel(let direction, _, _):
            if !isHelpOpen { navigation.scroll(byRows: direction == .up ? -3 : 3, pool, layout) }
        case .key(let key):
            inputs += 1
            switch QuitAndHelp.route(key, isHelpOpen: &isHelpOpen, isTyping: isTyping) {
            case .quit: return .quit
            case .handled: break
            case .prompt, .app: press(key)
            }
        }
        return .continue
    }

    /// Whether the percentage is being typed: every key is the entry's then, `q` too.
    var isTyping: Bool {
        if case .fragmentation = stage { return true }
        return false
    }

    /// A key of the quiz's own, as the stage takes it.
    private mutating func press(_ key: Key) {
        switch stage {
        case .playing:
            if key == .enter || key == .character(" ") { skipAhead() } else { _ = mapKey(key) }
        case .placing(let question, let choice):
            placing(key, question, choice)
        case .fragmentation(let question, var line):
            switch line.edit(with: key) {
            case .confirm: answer(question, typed: line)
            case .cancel: stage = .fragmentation(question, PromptLine(label: line.label))
            case .editing: stage = .fragmentation(question, line)
            }
        case .revealingAllocation, .revealingFragmentation:
            switch key {
            case .enter, .character(" "), .character("n"), .right: continueFromReveal()
            default: _ = mapKey(key)
            }
        case .finished:
            switch key {
            case .character("g"): restart()
            case .character("n"):
                if let next = source.nextRandom() {
                    restart(with: next)
                } else {
                    events.append(
                        LogEntry("n draws new questions in random mode (poolmap quiz --random N)", isError: true))
                }
            default: _ = mapKey(key)
            }
        }
    }

    /// A key while an allocation question is asked: the marker, "fails", Enter, the map's keys.
    private mutating func placing(_ key: Key, _ question: AllocationQuestion, _ choice: AllocationChoice) {
        let last = question.blocks.count - 1
        var next = choice
        switch key {
        case .left, .character("h"):
            switch choice {
            case .block(let index): next = .block(max(0, index - 1))
            case .fails, .undecided: next = last >= 0 ? .block(last) : .fails
            }
        case .right, .character("l"):
            switch choice {
            case .block(let index): next = index < last ? .block(index + 1) : .fails
            case .undecided: next = last >= 0 ? .block(0) : .fails
            case .fails: break
            }
        case .home:
            if last >= 0 { next = .block(0) }
        case .end:
            if last >= 0 { next = .block(last) }
        case .character("x"), .character("X"):
            next = .fails
        case .character(let digit) where question.heapBefore != nil && ("1"..."9").contains(digit):
            // A heap's elements by their place in the list, as the panel numbers them.
            let index = digit.wholeNumberValue.map { $0 - 1 } ?? 0
            guard index <= last else {
                let why =
                    last < 0
                    ? "the free list is empty: x says it fails"
                    : "the free list has \(QuizTerms.elements(last + 1)): press 1 to \(last + 1)"
                events.append(LogEntry(why, isError: true))
                return
            }
            next = .block(index)
        case .enter:
            guard choice != .undecided else {
                let how =
                    question.heapBefore == nil ? AllocationChoice.howToChoose : AllocationChoice.howToChooseElement
                events.append(LogEntry(how, isError: true))
                return
            }
            answer(question, choice)
            return
        default:
            if mapKey(key) { return }
        }
        stage = .placing(question, next)
        if case .block(let index) = next { reveal(question.blocks[index].start) }
    }

    /// A click: on a free block while an allocation question is asked, the marker goes there.
    private mutating func click(row: Int, column: Int) {
        guard case .placing(let question, _) = stage,
            let bytes = layout.bytes(
                atRow: row, column: column, totalSize: pool.totalSize, viewport: navigation.viewport),
            let index = question.blocks.firstIndex(where: { $0.bytes.overlaps(bytes) })
        else { return }
        stage = .placing(question, .block(index))
    }

    // MARK: The map

    /// Where things are on the screen now.
    var layout: ScreenLayout {
        ScreenLayout(
            width: screenSize.width, height: screenSize.height, totalSize: pool.totalSize, hasCaption: true,
            hasStatement: true)
    }

    /// Which bytes each map cell covers now.
    var mapGeometry: MapGeometry { navigation.geometry(pool, layout) }

    /// `+` `-` `0` zoom, PgUp/PgDn scroll, as in the explorer. - Returns: whether it was one.
    private mutating func mapKey(_ key: Key) -> Bool {
        navigation.zoomOrScroll(key, pool: pool, layout: layout, around: markedByte)
    }

    /// Zooming centres on the marker's free block while there is one (else, as in the
    /// explorer, on the middle of the view: the quiz selects no block).
    private var markedByte: Int? {
        guard case .placing(let question, .block(let index)) = stage else { return nil }
        let block = question.blocks[index]
        return block.start + block.length / 2
    }

    /// Scrolls a zoomed map to show byte `offset`.
    mutating func reveal(_ offset: Int) {
        navigation.reveal(offset, pool, layout)
    }

    /// Shows a new question's first free block.
    mutating func focus(on question: AllocationQuestion) {
        if let first = question.blocks.first { reveal(first.start) }
    }
}
