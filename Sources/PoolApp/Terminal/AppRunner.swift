import MemoryMap

/// The loop that drives an ``InteractiveApp`` on a ``TerminalDevice``: draw the view, wait for
/// an event or the next tick, hand it to the app, repeat until the app quits or a termination
/// signal arrives.
public enum AppRunner {
    /// How a run ended.
    public enum Outcome: Hashable, Sendable {
        /// The app asked to quit.
        case quit
        /// A termination signal arrived; exit with `128 + signal`.
        case signal(Int32)
    }

    /// Most events handled before a frame is drawn when input arrives faster than frames
    /// (held keys, pasted text): the screen then shows the latest state without lag.
    static let maxEventsPerFrame = 64

    /// Runs `app` on `terminal` until it quits or a signal arrives.
    ///
    /// `onFrame` sees every frame drawn with the app that drew it (a cast recorder uses it);
    /// the view itself stays a pure function of the state.
    ///
    /// Ticks are synthesized from a monotonic clock at the app's ``InteractiveApp/tickInterval``,
    /// only after a wait for input came back empty, so a device that never times out (such as
    /// ``FakeTerminal``, which scripts its ticks) sees no clock-driven ticks. Events queued
    /// behind each other are handled before the next frame is drawn.
    /// - Throws: whatever the device throws (drawing or reading failed, a fake's script ended);
    ///   `app` keeps the state it reached.
    public static func run<App: InteractiveApp>(
        _ app: inout App, on terminal: some TerminalDevice, onFrame: (Grid, App) -> Void = { _, _ in }
    ) throws -> Outcome {
        let clock = ContinuousClock()
        var nextTick: ContinuousClock.Instant? = app.tickInterval.map { clock.now + $0 }
        var needsDraw = true
        while true {
            if let signal = terminal.pendingSignal { return .signal(signal) }
            if needsDraw {
                let size = terminal.size
                let frame = app.view(width: size.width, height: size.height)
                try terminal.draw(frame)
                onFrame(frame, app)
                needsDraw = false
            }
            // A wait is never a poll, even when the tick is already due: a device that never
            // times out (the fake terminal) must not be asked to poll here, or a slow machine
            // would see a clock tick between scripted events.
            let timeout = nextTick.map { max(.nanoseconds(1), $0 - clock.now) }
            var event = try terminal.nextEvent(timeout: timeout)
            if event == nil, let due = nextTick, clock.now >= due { event = .tick }
            var handled = 0
            while let current = event {
                if let signal = terminal.pendingSignal { return .signal(signal) }
                if app.handle(current) == .quit { return .quit }
                needsDraw = true
                handled += 1
                // Follow the app's current wish; a tick (or the first wish) sets the next deadline.
                // Ticks keep to their schedule (a tick that worked for most of its interval, such
                // as the player reading ahead, is followed by the next on time, not an interval
                // later), but never pile up behind a slow one.
                if let interval = app.tickInterval {
                    if current == .tick, let due = nextTick {
                        nextTick = max(due + interval, clock.now)
                    } else if nextTick == nil {
                        nextTick = clock.now + interval
                    }
                } else {
                    nextTick = nil
                }
                guard handled < maxEventsPerFrame else { break }
                event = try terminal.nextEvent(timeout: .zero)
            }
        }
    }
}
