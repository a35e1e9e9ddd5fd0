import MemoryMap

/// The one rule for quit and help, the same in every app:
/// - outside a text prompt, `q` and `Q` quit, and `?` and F1 open the help;
/// - with the help open, Esc, `?`, F1 and `q` close it, and every other key does nothing;
/// - inside a text prompt (`:`, the explorer's `a`/`A`, the quiz's percentage) every key is the
///   prompt's: `q` is text.
///
/// Each app's `reduce` asks ``route(_:isHelpOpen:isTyping:)`` where a key goes before it looks
/// at the key itself, and every help overlay lists ``KeyHint/quitAndHelp``.
package enum QuitAndHelp {
    /// Where a key goes.
    package enum Route: Equatable, Sendable {
        /// The app quits.
        case quit
        /// The rule used the key up (the help opened or closed, or ignored a key).
        case handled
        /// The open text prompt takes it.
        case prompt
        /// One of the app's own keys.
        case app
    }

    /// The keys that quit outside a prompt.
    static let quitKeys: Set<Key> = [.character("q"), .character("Q")]
    /// The keys that open the help.
    static let openKeys: Set<Key> = [.character("?"), .f1]
    /// The keys that close the help.
    static let closeKeys: Set<Key> = [.escape, .character("?"), .f1, .character("q")]

    /// Routes `key`, opening or closing the help as the rule says.
    /// - Parameters:
    ///   - isHelpOpen: whether the help overlay is open; updated.
    ///   - isTyping: whether a text prompt is open.
    package static func route(_ key: Key, isHelpOpen: inout Bool, isTyping: Bool) -> Route {
        if isHelpOpen {
            if closeKeys.contains(key) { isHelpOpen = false }
            return .handled
        }
        if isTyping { return .prompt }
        if quitKeys.contains(key) { return .quit }
        if openKeys.contains(key) {
            isHelpOpen = true
            return .handled
        }
        return .app
    }
}

extension KeyHint {
    /// The last lines of every app's help: how to open it and how to quit. How to close it and
    /// that `q` is text in a prompt are in the overlay's own footer.
    package static let quitAndHelp: [KeyHint] = [
        KeyHint("? F1", "this help"),
        KeyHint("q Q", "quit"),
    ]
}
