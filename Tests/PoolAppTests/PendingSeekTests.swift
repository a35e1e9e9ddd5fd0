import PoolAllocator
import TestSupport
import Testing

@testable import PoolApp
@testable import PoolScript

/// Seeks beyond what has been read never freeze the screen: with a slow reader (a few steps
/// per tick), every tick draws a frame showing the way to the target, and keys are handled in
/// between — `q` quits at once, Esc cancels, another seek replaces the pending one. Driven
/// through the real runner on `FakeTerminal`, so "within one tick" is the order of events.
@Suite struct PendingSeekTests {
    /// 30,001 steps of churn: a random statement over a small pool.
    static func script() throws -> Script {
        try ScriptParser.parse("pool 1M\nrandom 30000 seed 3\n", fileName: "long.pool")
    }

    /// A paused player reading `steps` steps a tick: the scripted slow reader.
    static func player(readingPerTick steps: Int) throws -> PlayerState {
        var state = try PlayerState(script: try script(), poolSize: 1 << 20, paused: true)
        state.scanPace = .steps(steps)
        return state
    }

    @Test func qQuitsWhileALongSeekReads() throws {
        let terminal = FakeTerminal(events: [.key(.end), .tick, .tick, .character("q")])
        var app = PlayerApp(state: try Self.player(readingPerTick: 1000))
        #expect(try AppRunner.run(&app, on: terminal) == .quit)
        // `q` came right after two slices of reading: the seek had not read the run on the spot.
        #expect(app.state.timeline.position == 0 && app.state.timeline.overview.scannedSteps == 2000)
        #expect(app.view(width: 100, height: 30).text.contains("going to step 30,001: 6% read · Esc cancels"))
    }

    @Test func theSeekGoesOnTickByTickAndLands() throws {
        var state = try Self.player(readingPerTick: 10_000)
        _ = state.reduce(.character(":"))
        for event in InputEvent.typing("25000") + [.key(.enter)] { _ = state.reduce(event) }
        #expect(state.pendingSeek == .position(25_000) && state.isPaused)
        _ = state.reduce(.tick)
        _ = state.reduce(.tick)
        #expect(state.timeline.position == 0, "20,000 steps read: not there yet")
        _ = state.reduce(.tick)
        #expect(state.timeline.position == 25_000 && state.pendingSeek == nil)
        #expect(state.screenModel.statement?.contains("step 25,000 of 30,001") == true)
    }

    @Test func escCancelsAndAnotherSeekRetargets() throws {
        var state = try Self.player(readingPerTick: 1000)
        _ = state.reduce(.key(.end))
        _ = state.reduce(.tick)
        _ = state.reduce(.key(.escape))
        #expect(state.pendingSeek == nil)
        _ = state.reduce(.tick)
        #expect(state.timeline.position == 0, "cancelled: playback stays")
        #expect(state.timeline.overview.scannedSteps == 2000, "the run goes on being read")
        // A seek within what was read goes at once; one beyond it replaces the pending one.
        _ = state.reduce(.key(.end))
        _ = state.reduce(.character(":"))
        for event in InputEvent.typing("2000") + [.key(.enter)] { _ = state.reduce(event) }
        #expect(state.timeline.position == 2000 && state.pendingSeek == nil)
        _ = state.reduce(.character(":"))
        for event in InputEvent.typing("4500") + [.key(.enter)] { _ = state.reduce(event) }
        _ = state.reduce(.key(.end))
        #expect(state.pendingSeek == .position(30_001))
        // A key that moves playback drops the seek: here a single step.
        _ = state.reduce(.character("n"))
        #expect(state.pendingSeek == nil && state.timeline.position > 2000)
    }

    @Test func marksAndThePeakWaitForTheRunToBeRead() throws {
        var state = try Self.player(readingPerTick: 5000)
        _ = state.reduce(.character("m"))
        #expect(state.pendingSeek == .peakFragmentation)
        #expect(state.screenModel.statement?.contains("looking for the peak: 0% read") == true)
        while state.pendingSeek != nil { _ = state.reduce(.tick) }
        #expect(state.timeline.overview.isComplete)
        #expect(state.timeline.position == state.timeline.overview.peakFragmentationPosition)
    }

    @Test func theComparisonsBandsShareTheReadingAndKeysStillWork() throws {
        var state = try CompareState(script: try Self.script(), poolSize: 1 << 20, paused: true)
        state.scanPace = .steps(1000)
        let terminal = FakeTerminal(events: [.key(.end), .tick, .key(.escape), .tick, .key(.end), .character("q")])
        var app = CompareApp(state: state)
        #expect(try AppRunner.run(&app, on: terminal) == .quit)
        let read = app.state.bands.map(\.timeline.overview.scannedSteps)
        #expect(read == Array(repeating: 2000, count: 4), "every band read as much: \(read)")
        #expect(app.state.position == 0 && app.state.pendingSeek == .position(30_001))
        #expect(app.state.screenModel.statement.contains("going to step 30,001: 6% read"))
    }
}
