import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp

/// A minimal app: counts keys and ticks, quits on `q`, asks for ticks while `animating`.
private struct CountingApp: InteractiveApp {
    var keys: [Key] = []
    var ticks = 0
    var clicks: [Int] = []
    var animating = false

    mutating func handle(_ event: InputEvent) -> AppAction {
        switch event {
        case .key(.character("q")): return .quit
        case .key(.character("t")): animating.toggle()
        case .key(let key): keys.append(key)
        case .tick: ticks += 1
        case .click(let row, let column): clicks.append(row * 1000 + column)
        case .wheel, .resize: break
        }
        return .continue
    }

    func view(width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        grid.put("keys \(keys.count) ticks \(ticks)", row: 0, column: 0)
        return grid
    }

    var tickInterval: Duration? { animating ? .milliseconds(10) : nil }
}

@Suite struct AppRunnerTests {
    @Test func quitEndsTheRunAndEveryEventIsHandled() throws {
        let terminal = FakeTerminal(
            size: TerminalSize(width: 30, height: 4),
            events: [.key(.left), .character("x"), .tick, .character("q"), .character("y")])
        var app = CountingApp()
        let outcome = try AppRunner.run(&app, on: terminal)
        #expect(outcome == .quit)
        #expect(app.keys == [.left, .character("x")])
        #expect(app.ticks == 1)
        #expect(terminal.pendingEvents == [.character("y")])
        #expect(terminal.frames.first?.line(0).hasPrefix("keys 0 ticks 0") == true)
    }

    @Test func queuedEventsShareOneFrame() throws {
        let terminal = FakeTerminal(events: InputEvent.typing("abcdef") + [.character("q")])
        var app = CountingApp()
        _ = try AppRunner.run(&app, on: terminal)
        #expect(app.keys.count == 6)
        #expect(terminal.frames.count == 1, "the first frame, then all queued keys before quitting")
    }

    @Test func theScriptEndingThrowsAndKeepsTheState() {
        let terminal = FakeTerminal(events: [.character("a"), .character("b")])
        var app = CountingApp()
        #expect(throws: FakeTerminal.ScriptEnded.self) { try AppRunner.run(&app, on: terminal) }
        #expect(app.keys == [.character("a"), .character("b")])
        #expect(terminal.lastFrame?.line(0).hasPrefix("keys 2") == true)
    }

    @Test func resizeChangesTheFrameSize() {
        let terminal = FakeTerminal(
            size: TerminalSize(width: 80, height: 24),
            events: [.resize(TerminalSize(width: 61, height: 17))])
        var app = CountingApp()
        _ = try? AppRunner.run(&app, on: terminal)
        #expect(terminal.frames.map(\.width) == [80, 61])
        #expect(terminal.lastFrame?.height == 17)
    }

    @Test func aPendingSignalStopsTheRunBeforeTheNextEvent() throws {
        let terminal = FakeTerminal(events: [.character("a"), .character("b"), .character("c")])
        terminal.raise(15, afterEvents: 2)
        var app = CountingApp()
        let outcome = try AppRunner.run(&app, on: terminal)
        #expect(outcome == .signal(15))
        #expect(app.keys == [.character("a"), .character("b")])
    }

    @Test func ticksComeFromTheClockOnlyWhenTheDeviceWaitsInVain() throws {
        /// A device whose waits always time out, so the runner's clock makes ticks.
        final class SilentTerminal: TerminalDevice {
            var size = TerminalSize(width: 20, height: 2)
            var colorDepth = ColorDepth.monochrome
            var pendingSignal: Int32?
            var waits = 0
            func draw(_ grid: Grid) throws {}
            func nextEvent(timeout: Duration?) throws -> InputEvent? {
                waits += 1
                if waits > 10_000 { pendingSignal = 2 }
                guard let timeout, timeout > .zero else { return nil }
                let clock = ContinuousClock()
                let end = clock.now + timeout
                while clock.now < end {}
                return nil
            }
        }
        struct TickUntilThree: InteractiveApp {
            var ticks = 0
            mutating func handle(_ event: InputEvent) -> AppAction {
                if event == .tick { ticks += 1 }
                return ticks >= 3 ? .quit : .continue
            }
            func view(width: Int, height: Int) -> Grid { Grid(width: width, height: height) }
            var tickInterval: Duration? { .milliseconds(2) }
        }
        var app = TickUntilThree()
        let terminal = SilentTerminal()
        #expect(try AppRunner.run(&app, on: terminal) == .quit)
        #expect(app.ticks == 3)
    }
}
