import MemoryMap
import PoolApp

/// A ``TerminalDevice`` for tests: it plays a scripted list of events and records every frame.
///
/// A `.resize` event in the script also changes ``size``, as a real terminal would. When the
/// script is used up, a poll (`timeout: .zero`) returns nil and a wait throws
/// ``ScriptEnded``, which ends ``AppRunner/run(_:on:)`` with the app in its final state.
public final class FakeTerminal: TerminalDevice {
    /// Thrown by a waiting read once every scripted event was delivered.
    public struct ScriptEnded: Error, Equatable {}

    public private(set) var size: TerminalSize
    public var colorDepth: ColorDepth
    public var pendingSignal: Int32?
    /// Events not delivered yet, first one next.
    public private(set) var pendingEvents: [InputEvent]
    /// Every frame drawn, oldest first.
    public private(set) var frames: [Grid] = []
    /// A signal to raise (set ``pendingSignal``) once this many events were delivered.
    private var signalAfter: (events: Int, signal: Int32)?
    private var delivered = 0

    /// A terminal of `size` that will deliver `events` in order.
    public init(
        size: TerminalSize = TerminalSize(width: 100, height: 30), colorDepth: ColorDepth = .full256,
        events: [InputEvent] = []
    ) {
        self.size = size
        self.colorDepth = colorDepth
        self.pendingEvents = events
    }

    /// Adds events to the end of the script.
    public func enqueue(_ events: [InputEvent]) { pendingEvents += events }

    /// Makes `signal` pending once `count` more events were delivered (and handled).
    public func raise(_ signal: Int32, afterEvents count: Int) {
        signalAfter = (delivered + count, signal)
        if count == 0 { pendingSignal = signal }
    }

    /// The last frame drawn, or nil before the first.
    public var lastFrame: Grid? { frames.last }

    public func draw(_ grid: Grid) throws { frames.append(grid) }

    public func nextEvent(timeout: Duration?) throws -> InputEvent? {
        if let pending = signalAfter, delivered >= pending.events {
            pendingSignal = pending.signal
            signalAfter = nil
            return nil
        }
        guard !pendingEvents.isEmpty else {
            if timeout == .zero { return nil }
            throw ScriptEnded()
        }
        let event = pendingEvents.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        delivered += 1
        return event
    }
}
