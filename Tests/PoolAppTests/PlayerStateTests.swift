import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolScript

@Suite struct PlayerStateTests {
    static func player(_ text: String, speed: Double? = nil, paused: Bool = false) throws -> PlayerState {
        let script = try ScriptParser.parse(text, fileName: "p.pool")
        return try PlayerState(script: script, poolSize: 4096, speed: speed, paused: paused)
    }

    static let fourAllocs = "pool 1K\na = alloc 100\nb = alloc 100\nc = alloc 100\nd = alloc 100\n"

    @Test func quitAndHelpFollowTheOneRule() throws {
        try QuitAndHelpRule<PlayerApp>(
            make: { PlayerApp(state: try Self.player(Self.fourAllocs)) }, isHelpOpen: \.state.isHelpOpen,
            otherKey: .character("n"),
            prompted: {
                var state = try Self.player(Self.fourAllocs)
                _ = state.reduce(.character(":"))
                return PlayerApp(state: state)
            },
            promptText: { $0.state.prompt?.text }
        ).check()
    }

    func ticks(_ state: inout PlayerState, _ count: Int) {
        for _ in 0..<count { _ = state.reduce(.tick) }
    }

    @Test func playsAtTheSpeedAsked() throws {
        var state = try Self.player(Self.fourAllocs, speed: 5)  // 5 op/s = one op per 5 ticks of 40 ms
        #expect(state.wantsTicks)
        ticks(&state, 5)
        #expect(state.timeline.position == 1)
        ticks(&state, 10)
        #expect(state.timeline.position == 3)
        ticks(&state, 20)
        #expect(state.isFinished)
        #expect(state.timeline.current.pool.stats.blockCount == 4)
        #expect(state.screenModel.statement?.hasPrefix("end of p.pool") == true)
    }

    @Test func highSpeedsRunManyStepsPerFrameAndDoNotAnimate() throws {
        var state = try Self.player("pool 64K\nrandom 5000 seed 2\n", speed: 100_000)
        _ = state.reduce(.tick)
        #expect(state.timeline.position == 4000)  // 100,000 op/s × 0.04 s
        #expect(!state.animation.isActive)
        ticks(&state, 2)
        #expect(state.isFinished)
    }

    @Test func waitHoldsPlaybackAndSayCaptions() throws {
        var state = try Self.player("pool 1K\nsay \"first\"\nwait 1s\nalloc 5\n", speed: 5)  // one op per 5 ticks
        ticks(&state, 5)
        #expect(state.timeline.position == 1)
        ticks(&state, 5)  // the say (no time of its own), then the wait
        #expect(state.timeline.position == 3)
        #expect(state.screenModel.caption == "first")
        ticks(&state, 24)
        #expect(state.timeline.position == 3, "still waiting after 0.96 s")
        ticks(&state, 6)  // the wait is over; the next operation comes at the pace again
        #expect(state.timeline.position == 4)
        #expect(state.captionMarks.map(\.text) == ["first"])
    }

    @Test func playingFasterShortensWaits() throws {
        var state = try Self.player("pool 1K\nwait 1s\nalloc 5\n", speed: 25)  // five times the default
        ticks(&state, 2)
        #expect(state.timeline.position == 2)
        ticks(&state, 6)  // 1 s × 5/25 = 0.2 s, then one tick's operation
        #expect(state.timeline.position == 3)
    }

    @Test func pauseStepForwardAndBack() throws {
        var state = try Self.player(
            "pool 1K\nsay \"x\"\na = alloc 100\nwait 1s\nsay \"y\"\nb = alloc 100\nfree a\n", speed: 5)
        _ = state.reduce(.character(" "))
        #expect(state.isPaused)
        ticks(&state, 50)
        #expect(state.timeline.position == 0)
        #expect(!state.wantsTicks, "paused, and the run is read: nothing to tick for")
        _ = state.reduce(.key(.right))  // pool
        #expect(state.timeline.position == 1)
        _ = state.reduce(.character("n"))  // say x, a = alloc
        #expect(state.timeline.position == 3)
        #expect(state.screenModel.caption == "x")
        #expect(state.selectedOffset == 0)
        _ = state.reduce(.character("n"))  // wait, say y, b = alloc
        #expect(state.timeline.position == 6)
        #expect(state.screenModel.caption == "y")
        _ = state.reduce(.character("b"))  // undo b: back to just after a's allocation
        #expect(state.timeline.position == 3)
        #expect(state.timeline.current.pool.stats.blockCount == 1)
        _ = state.reduce(.key(.left))  // undo a
        #expect(state.timeline.position == 1)
        _ = state.reduce(.key(.left))
        _ = state.reduce(.key(.left))
        #expect(state.timeline.position == 0)
        _ = state.reduce(.character(" "))
        #expect(!state.isPaused)
    }

    @Test func speedRestartHelpAndQuit() throws {
        var state = try Self.player(Self.fourAllocs, speed: 5)
        _ = state.reduce(.character(">"))
        #expect(state.speed == 10)
        _ = state.reduce(.character("<"))
        _ = state.reduce(.character(","))
        #expect(state.speed == 2.5)
        for _ in 0..<20 { _ = state.reduce(.character("<")) }
        #expect(state.speed == PlayerState.speedRange.lowerBound)
        ticks(&state, 100)  // 4 s at 0.25 op/s
        #expect(state.timeline.position == 1)
        _ = state.reduce(.character("g"))
        #expect(state.timeline.position == 0 && !state.isPaused)
        _ = state.reduce(.character("?"))
        #expect(state.screenModel.isHelpOpen)
        #expect(state.reduce(.character("x")) == .continue)
        #expect(state.isHelpOpen, "other keys do nothing under the help")
        #expect(state.reduce(.character("q")) == .continue && !state.isHelpOpen, "q closes the help")
        #expect(state.reduce(.character("q")) == .quit)
    }

    @Test func animationsAppearFadeAndSlide() throws {
        var state = try Self.player("pool 1K\na = alloc 100\nb = alloc 100\nfree a\ndefrag\nalloc 5\n", speed: 25)
        ticks(&state, 2)
        #expect(state.animation.screenAnimation.appearing == [0..<100])
        ticks(&state, 2)
        #expect(state.animation.screenAnimation.fading == [0..<100])
        ticks(&state, 1)
        #expect(state.animation.slide != nil)
        let position = state.timeline.position
        ticks(&state, 5)
        #expect(state.timeline.position == position, "operations wait for the slide")
        ticks(&state, 30)
        #expect(state.isFinished && !state.animation.isActive && !state.wantsTicks)
    }

    @Test func theBlockPanelShowsWhereTheSelectedBlockWasAllocated() throws {
        var script = try TraceParser.parse("a 0 100  # at ./prog:(parse+1c)\na 1 50\n", fileName: "p.trace")
        script.callSites[2] = "train.py:42:forward\nmodel.py:7:step"
        var state = try PlayerState(script: script, poolSize: 4096, speed: 5, paused: true)
        _ = state.reduce(.key(.right))
        #expect(state.screenModel.selectedCallSite == "./prog:(parse+1c)")
        let text = PlayerApp(state: state).view(width: 100, height: 30).text
        #expect(text.contains("allocated at"))
        #expect(text.contains("./prog:(parse+1c)"))
        _ = state.reduce(.key(.right))  // id 1 has no call site: no such lines
        #expect(state.screenModel.selectedCallSite == nil)
        #expect(!PlayerApp(state: state).view(width: 100, height: 30).text.contains("allocated at"))
        // A snapshot's frames, one a line; a long one keeps its end.
        var model = state.screenModel
        model.selectedCallSite = "train.py:42:forward\n/very/long/path/to/some/deeply/nested/model.py:7:step"
        let lines = ScreenRenderer.inspectorLines(model, width: 24).map { $0.map(\.0).joined() }
        #expect(lines.suffix(3) == ["allocated at", "  train.py:42:forward", "  …ested/model.py:7:step"])
    }

    @Test func theViewShowsCaptionStatementAndPlaybackKeys() throws {
        var state = try Self.player("pool 1K\nsay \"Hello there\"\na = alloc 100\nalloc 2K\n", speed: 25)
        ticks(&state, 4)
        let text = PlayerApp(state: state).view(width: 100, height: 30).text
        #expect(text.contains("Hello there"))
        #expect(text.contains("end of p.pool"))
        #expect(text.contains("alloc 2 KiB failed: only 924 B free"))
        #expect(text.contains("space pause"))
    }

    @Test func nextFitsRoverIsShownAsInTheExplorer() throws {
        var state = try Self.player("pool 1K policy next\na = alloc 100\nb = alloc 200\n", paused: true)
        _ = state.reduce(.character("n"))
        #expect(state.screenModel.rover == 0)
        _ = state.reduce(.character("n"))
        #expect(state.screenModel.rover == 100)
        let grid = PlayerApp(state: state).view(width: 100, height: 30)
        #expect(grid.text.contains("rover"), "the legend names it")
        _ = state.reduce(.character("n"))
        #expect(state.screenModel.rover == 300)
        let firstFit = try Self.player(Self.fourAllocs, paused: true)
        #expect(firstFit.screenModel.rover == nil)
    }

    @Test func drivenThroughTheAppRunnerOnAFakeTerminal() throws {
        let terminal = FakeTerminal(events: [.tick, .tick, .tick, .character(" "), .key(.left), .character("q")])
        var app = PlayerApp(state: try Self.player(Self.fourAllocs, speed: 25))  // one op per tick
        let outcome = try AppRunner.run(&app, on: terminal)
        #expect(outcome == .quit)
        #expect(app.state.timeline.position == 2)  // three steps played, then one undone
        #expect(app.view(width: 100, height: 30).text.contains("paused · step 2"))
        #expect(!terminal.frames.isEmpty)
    }
}
