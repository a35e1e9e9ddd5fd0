/// Something that happened at the terminal: what an ``InteractiveApp`` reacts to.
///
/// Devices translate their own codes (ncurses key codes, SGR mouse reports) into these, so
/// apps and their tests never see a terminal's vocabulary.
public enum InputEvent: Hashable, Sendable {
    /// A key press: a printable character or a named key.
    case key(Key)
    /// A left-button click (press and release) at a 0-based screen `row` and `column`.
    case click(row: Int, column: Int)
    /// A mouse-wheel step at a 0-based screen `row` and `column`.
    case wheel(WheelDirection, row: Int, column: Int)
    /// The terminal now has this size; the next frame is laid out for it.
    case resize(TerminalSize)
    /// The app's tick interval elapsed (animation, playback).
    case tick
}

/// Which way a mouse wheel turned.
public enum WheelDirection: Hashable, Sendable {
    case up, down
}

/// A key, printable or named.
public enum Key: Hashable, Sendable {
    /// A printable character, as typed (`a`, `A`, `?`, `+`, `é`).
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case insert, delete, backspace
    case enter, escape, tab, backTab
    /// A function key: `function(1)` is F1.
    case function(Int)

    /// F1, the conventional help key.
    static let f1 = Key.function(1)
}

extension InputEvent {
    /// The key event for a printable character.
    public static func character(_ character: Character) -> InputEvent { .key(.character(character)) }

    /// One key event per character of `text`, as if typed.
    public static func typing(_ text: String) -> [InputEvent] { text.map { .key(.character($0)) } }
}
