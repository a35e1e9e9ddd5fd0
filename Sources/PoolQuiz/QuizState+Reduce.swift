import MemoryMap
import PoolApp

extension QuizState {
    /// Applies one event: the quiz's whole behaviour, key by key.
    /// - Returns: `.quit` for `q` (at any time), else `.continue`.
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
            if !isHelpOpen { scroll(byRows: direction == .up ? -3 : 3) }
        case .key(let key):
            inputs += 1
            return press(key)
        }
        return .continue
    }

    private mutating func press(_ key: Key) -> AppAction {
        if key == .character("q") || key == .character("Q") { return .quit }
        if isHelpOpen {
            if key == .escape || key == .character("?") || key == .function(1) { isHelpOpen = false }
            return .continue
        }
        if key == .character("?") || key == .function(1) {
            isHelpOpen = true
            return .continue
        }
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
                    record(LogEntry("n draws new questions in random mode (poolmap quiz --random N)", isError: true))
                }
            default: _ = mapKey(key)
            }
        }
        return .continue
    }

    /// A key while an allocation question is asked: the marker, "fails", Enter, the map's keys.
    private mutating func placing(_ key: Key, _ question: AllocationQuestion, _ choice: AllocationChoice) {
        let last = question.blocks.count - 1
        var next = choice
        switch key {
        case .left, .character("h"):
            switch choice {
            case .block(let index): next = .block(max(0, index - 1))
            case .fails: if last >= 0 { next = .block(last) }
            }
        case .right, .character("l"):
            if case .block(let index) = choice { next = index < last ? .block(index + 1) : .fails }
        case .home:
            if last >= 0 { next = .block(0) }
        case .end:
            if last >= 0 { next = .block(last) }
        case .character("x"), .character("X"):
            next = .fails
        case .enter:
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
            let bytes = layout.bytes(atRow: row, column: column, totalSize: pool.totalSize, viewport: viewport),
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
    var mapGeometry: MapGeometry { layout.mapGeometry(totalSize: pool.totalSize, viewport: viewport) }

    /// `+` `-` `0` zoom, PgUp/PgDn scroll, as in the explorer. - Returns: whether it was one.
    private mutating func mapKey(_ key: Key) -> Bool {
        let geometry = mapGeometry
        switch key {
        case .character("+"), .character("="):
            if geometry.bytesPerCell > 1 { viewport = geometry.zoomedIn(around: zoomCentre) }
        case .character("-"), .character("_"): viewport = geometry.zoomedOut(around: zoomCentre)
        case .character("0"): viewport = .fit
        case .pageUp: scroll(byRows: -max(1, layout.mapRows - 1))
        case .pageDown: scroll(byRows: max(1, layout.mapRows - 1))
        default: return false
        }
        return true
    }

    private mutating func scroll(byRows rows: Int) {
        viewport = mapGeometry.scrolled(byRows: rows)
    }

    /// The byte zooming centres on: the marker's free block, else the middle of the view.
    private var zoomCentre: Int {
        if case .placing(let question, .block(let index)) = stage {
            let block = question.blocks[index]
            return block.start + block.length / 2
        }
        let bytes = mapGeometry.bytes
        return bytes.lowerBound + bytes.count / 2
    }

    /// Scrolls a zoomed map to show byte `offset`.
    mutating func reveal(_ offset: Int) {
        viewport = mapGeometry.revealing(offset)
    }

    /// Shows a new question's first free block.
    mutating func focus(on question: AllocationQuestion) {
        if let first = question.blocks.first { reveal(first.start) }
    }
}
