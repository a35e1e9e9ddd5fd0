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

/// An app whose screen can be recorded as an asciinema cast (`--record`). Frames and markers are
/// timed by the app's own clock, not the wall clock, so the same session always gives the
/// same cast. The recorder reads these after each frame; the app never writes to it.
public protocol RecordableApp: InteractiveApp {
    /// Seconds on the app's clock: when the frame the app shows now appears in a recording.
    var recordingSeconds: Double { get }
    /// The markers reached so far, oldest first (a player's `say` captions). Only ever appended to.
    var recordingMarks: [CastMark] { get }
}

/// A marker in a cast: a caption and when it appeared.
public struct CastMark: Equatable, Sendable {
    /// Seconds on the app's clock.
    public var seconds: Double
    /// The caption.
    public var text: String

    /// Creates the marker of `text` at `seconds`.
    public init(seconds: Double, text: String) {
        self.seconds = seconds
        self.text = text
    }
}
