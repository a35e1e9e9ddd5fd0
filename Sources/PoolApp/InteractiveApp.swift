import MemoryMap

/// A full-screen app as a state machine: events change the state, the view is a pure
/// function of it. ``AppRunner`` drives any app on any ``TerminalDevice``.
public protocol InteractiveApp {
    /// Applies one event to the state.
    /// - Returns: whether to keep running.
    mutating func handle(_ event: InputEvent) -> AppAction

    /// The whole screen for the current state at this size. Must not change the state.
    func view(width: Int, height: Int) -> Grid

    /// How often the app wants ``InputEvent/tick`` events right now (animation, playback),
    /// or nil when it is idle and only input matters. Read again after every event.
    var tickInterval: Duration? { get }
}

/// What an app wants after an event.
public enum AppAction: Hashable, Sendable {
    /// Keep running: draw the new state and wait for the next event.
    case `continue`
    /// Stop the loop; the program exits normally.
    case quit
}
