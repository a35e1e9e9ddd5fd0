import MemoryMap

extension ExplorerState {
    /// Applies one input event: the explorer's whole behaviour, key by key.
    /// - Returns: `.quit` for `q` (outside a prompt), else `.continue`.
    public mutating func reduce(_ event: InputEvent) -> AppAction {
        switch event {
        case .tick:
            animation.advance()
            return .continue
        case .resize(let size):
            screenSize = size
            return .continue
        case .click(let row, let column):
            if prompt == nil, !isHelpOpen { select(atScreenRow: row, column: column) }
            return .continue
        case .wheel(let direction, _, _):
            if prompt == nil, !isHelpOpen { scroll(byRows: direction == .up ? -3 : 3) }
            return .continue
        case .key(let key):
            if prompt != nil {
                editPrompt(with: key)
                return .continue
            }
            if isHelpOpen { return helpKey(key) }
            return commandKey(key)
        }
    }

    /// A key while the help overlay is open: it closes with Esc, `?` or F1; `q` still quits.
    private mutating func helpKey(_ key: Key) -> AppAction {
        switch key {
        case .escape, .character("?"), .f1: isHelpOpen = false
        case .character("q"): return .quit
        default: break
        }
        return .continue
    }

    /// A key on the main screen.
    private mutating func commandKey(_ key: Key) -> AppAction {
        switch key {
        case .character("q"): return .quit
        case .character("?"), .f1: isHelpOpen = true
        case .character("a"): prompt = ExplorerPrompt(purpose: .allocate)
        case .character("A"): prompt = ExplorerPrompt(purpose: .allocateAligned)
        case .character("f"), .delete: freeSelected()
        case .character("d"): defragment()
        case .character("r"): randomOperation()
        case .character("R"): randomBurst()
        case .character("u"): undo()
        case .character("p"): cyclePolicy()
        case .character("e"): toggleExplain()
        case .left: selectPrevious()
        case .right: selectNext()
        case .home: selectFirst()
        case .end: selectLast()
        default: _ = navigation.handle(key, pool: pool, layout: layout)
        }
        return .continue
    }

    /// Typing in the prompt: characters, Backspace, Enter to confirm, Esc to cancel.
    private mutating func editPrompt(with key: Key) {
        guard var current = prompt else { return }
        switch current.line.edit(with: key) {
        case .cancel: prompt = nil
        case .confirm: confirm(current)
        case .editing: prompt = current
        }
    }

    /// Enter in a prompt: allocate what it asks, or show why the text is no size and stay.
    private mutating func confirm(_ current: ExplorerPrompt) {
        switch current.parse() {
        case .success(let request):
            prompt = nil
            allocate(size: request.size, alignment: request.alignment)
        case .failure(let error):
            var refused = current
            refused.line.error = error.description
            prompt = refused
        }
    }
}
