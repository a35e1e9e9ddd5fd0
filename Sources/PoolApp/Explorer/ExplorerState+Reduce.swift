import MemoryMap

extension ExplorerState {
    /// Applies one input event: the explorer's whole behaviour, key by key.
    /// - Returns: `.quit` for `q` or `Q` outside a prompt (``QuitAndHelp``), else `.continue`.
    public mutating func reduce(_ event: InputEvent) -> AppAction {
        switch event {
        case .tick:
            animation.advance()
            if animation.search?.isDecided != false { logEventsAfterSearch() }
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
            // A key goes on from an explained allocation: whatever it was to log is logged now.
            logEventsAfterSearch()
            switch QuitAndHelp.route(key, isHelpOpen: &isHelpOpen, isTyping: prompt != nil) {
            case .quit: return .quit
            case .handled: break
            case .prompt: editPrompt(with: key)
            case .app: commandKey(key)
            }
            return .continue
        }
    }

    /// A key of the explorer's own, on the main screen.
    private mutating func commandKey(_ key: Key) {
        switch key {
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
