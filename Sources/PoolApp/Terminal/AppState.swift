import MemoryMap

/// An app as a state type: events change it (`reduce`), the screen is a pure function of it
/// (`view`), and it says whether it wants ticks. ``App`` makes any of them an
/// ``InteractiveApp``, so a new app is a state type and nothing else.
///
/// Every app's `reduce` routes keys through ``QuitAndHelp``, the one rule for quit and help.
public protocol AppState: Sendable {
    /// Applies one event.
    /// - Returns: whether to keep running.
    mutating func reduce(_ event: InputEvent) -> AppAction

    /// The whole screen for the current state at this size.
    func view(width: Int, height: Int) -> Grid

    /// Whether the app wants ticks (every ``AppTick/interval``) right now: something moves or
    /// plays. An idle app waits for input.
    var wantsTicks: Bool { get }
}

/// An app state whose screen can be recorded as a cast: see ``RecordableApp``.
public protocol RecordableAppState: AppState {
    /// Seconds on the app's clock: when the frame shown now appears in a recording.
    var recordingSeconds: Double { get }
    /// The markers reached so far, oldest first. Only ever appended to.
    var recordingMarks: [CastMark] { get }
}

/// The one adapter from an ``AppState`` to an ``InteractiveApp``: events go to the state, the
/// view is the state's, ticks come at ``AppTick/interval`` while the state wants them.
public struct App<State: AppState>: InteractiveApp {
    /// The app's state: what events change and the view draws.
    public private(set) var state: State

    /// Creates the app that runs `state`.
    public init(state: State) {
        self.state = state
    }

    /// Hands the event to the state's `reduce`.
    public mutating func handle(_ event: InputEvent) -> AppAction {
        state.reduce(event)
    }

    /// The state's view.
    public func view(width: Int, height: Int) -> Grid {
        state.view(width: width, height: height)
    }

    /// `AppTick.interval` while the state wants ticks; nil otherwise.
    public var tickInterval: Duration? {
        state.wantsTicks ? AppTick.interval : nil
    }
}

extension App: RecordableApp where State: RecordableAppState {
    /// The state's recording clock.
    public var recordingSeconds: Double { state.recordingSeconds }
    /// The state's markers.
    public var recordingMarks: [CastMark] { state.recordingMarks }
}
