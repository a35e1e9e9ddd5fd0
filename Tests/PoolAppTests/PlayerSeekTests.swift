import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolScript

/// The timeline's keys and clicks: every seek lands on the state after that many steps, with the
/// event log ending there, and pauses playback.
@Suite struct PlayerSeekTests {
    /// 40 steps: failures at positions 6, 9 and 31, defragments at 12 and 35, the peak of
    /// fragmentation at 8.
    static let text = """
        pool 1K
        a = alloc 200
        b = alloc 200
        c = alloc 200
        d = alloc 300
        alloc 600
        free a
        free c
        alloc 300
        say "fragmented"
        stats
        defrag
        e = alloc 100
        f = alloc 50
        g = alloc 50
        h = alloc 50
        free e
        free g
        i = alloc 10
        j = alloc 10
        k = alloc 10
        l = alloc 10
        m = alloc 10
        n = alloc 10
        o = alloc 10
        p = alloc 10
        q = alloc 10
        r = alloc 10
        s = alloc 10
        free b
        alloc 900
        free i
        free k
        free m
        defrag
        free o
        free q
        free s
        stats
        wait 1s
        """

    static func player(width: Int = 100, height: Int = 30) throws -> PlayerState {
        let script = try ScriptParser.parse(text, fileName: "seek.pool")
        var state = try PlayerState(
            script: script, poolSize: 1024, speed: 5, screenSize: TerminalSize(width: width, height: height))
        _ = state.reduce(.tick)  // reads the whole run ahead
        return state
    }

    /// The plain run's state after `count` steps.
    static func stateAfter(_ count: Int) throws -> RunnerState {
        var runner = try ScriptRunner(script: try ScriptParser.parse(text, fileName: "seek.pool"), poolSize: 1024)
        for _ in 0..<count { _ = runner.step() }
        return runner.state
    }

    func expectAt(_ state: PlayerState, _ position: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(state.timeline.position == position, sourceLocation: sourceLocation)
        #expect(state.isPaused, "a seek pauses", sourceLocation: sourceLocation)
        let expected = try Self.stateAfter(position)
        #expect(state.timeline.current.pool.regions == expected.pool.regions, sourceLocation: sourceLocation)
        if position > 0 {
            #expect(
                state.timeline.lastStep?.line == position, "the log ends at the step", sourceLocation: sourceLocation)
        }
    }

    @Test func theOverviewOfTheScript() throws {
        let state = try Self.player()
        let overview = state.timeline.overview
        #expect(overview.isComplete && state.timeline.totalSteps == 40)
        #expect(overview.failures == [6, 9, 31])
        #expect(overview.defragments == [12, 35])
        #expect(overview.peakFragmentationPosition == 8)
    }

    @Test func homeEndAndTheFailuresAndDefragmentsBothWays() throws {
        var state = try Self.player()
        for (key, position) in [
            (Key.end, 40), (.character("["), 31), (.character("["), 9), (.character("["), 6),
            (.character("["), 6),  // none before: stays
            (.character("]"), 9), (.character("}"), 12), (.character("}"), 35),
            (.character("}"), 35),  // none after: stays
            (.character("{"), 12), (.home, 0), (.character("m"), 8),
        ] {
            _ = state.reduce(.key(key))
            try expectAt(state, position)
        }
        #expect(state.screenModel.log.last?.text == "8 free c (400)")
    }

    @Test func aSeekPausesPlayback() throws {
        var state = try Self.player()
        #expect(!state.isPaused)
        _ = state.reduce(.character("]"))
        try expectAt(state, 6)
        #expect(state.screenModel.log.last?.isError == true, "the failure ends the log")
    }

    @Test func goToAStepOrAShareOfTheRun() throws {
        var state = try Self.player()
        for (typed, position) in [("17", 17), ("50%", 20), ("0", 0), ("1,0", 10), ("100%", 40), (" 12.5% ", 5)] {
            _ = state.reduce(.character(":"))
            #expect(state.screenModel.prompt != nil)
            for event in InputEvent.typing(typed) + [.key(.enter)] { _ = state.reduce(event) }
            #expect(state.screenModel.prompt == nil, "\(typed) was accepted")
            try expectAt(state, position)
        }
        for (typed, error) in [
            ("41", "step 41 is past the end: the run has 40 steps"),
            ("abc", "\"abc\" is not a step; type a number like 12345, or 50%"),
            ("120%", "\"120%\" is not a share of the run; shares go from 0% to 100%"),
            ("", "type a step, e.g. 12345, or a share, e.g. 50%"),
        ] {
            _ = state.reduce(.character(":"))
            for event in InputEvent.typing(typed) + [.key(.enter)] { _ = state.reduce(event) }
            #expect(state.screenModel.prompt?.error == error, "\(typed)")
            _ = state.reduce(.key(.escape))
            #expect(state.screenModel.prompt == nil)
            try expectAt(state, 5)  // unchanged by a refused step
        }
    }

    @Test func aClickOnTheTimelineSeeksThereAndOnTheMapSelects() throws {
        var state = try Self.player(width: 100, height: 30)
        let layout = state.layout
        let row = try #require(layout.timelineRow)
        let timeline = state.timeline.timelineModel(figure: .used)
        let cells = timeline.cellCount(columns: layout.overviewColumns)
        // The last cell is the end; the middle one is half way; the first is the first step.
        _ = state.reduce(.click(row: row, column: layout.overviewColumn + cells - 1))
        try expectAt(state, 40)
        _ = state.reduce(.click(row: row, column: layout.overviewColumn + cells / 2))
        try expectAt(state, timeline.position(ofCell: cells / 2, of: cells))
        #expect((19...22).contains(state.timeline.position))
        _ = state.reduce(.click(row: row, column: layout.overviewColumn))
        try expectAt(state, 1)
        // Clicking the label, or past the cells, does nothing.
        _ = state.reduce(.click(row: row, column: 0))
        try expectAt(state, 1)
        // On the map, a click selects the block under it, as in the explorer.
        _ = state.reduce(.key(.end))
        let offset = try #require(state.timeline.current.pool.firstBlock?.offset)
        _ = state.reduce(.click(row: layout.mapTopRow, column: layout.mapColumn))
        #expect(state.selectedOffset == offset)
    }

    @Test func theFigureZoomAndSelectionWhilePlaying() throws {
        var state = try Self.player()
        #expect(state.screenModel.timeline?.figure == .used)
        _ = state.reduce(.character("t"))
        #expect(state.screenModel.timeline?.figure == .fragmentation)
        _ = state.reduce(.character("t"))
        #expect(state.screenModel.timeline?.figure == .used)
        for _ in 0..<25 { _ = state.reduce(.tick) }  // five steps at 5 op/s
        #expect(state.timeline.position == 5 && !state.isPaused)
        _ = state.reduce(.character("+"))
        #expect(state.screenModel.viewport.bytesPerCell != nil, "zoomed in while playing")
        _ = state.reduce(.character("0"))
        #expect(state.screenModel.viewport == .fit)
        _ = state.reduce(.character("h"))  // from the block the inspector showed: the last allocated
        #expect(state.selectedOffset == 400)
        _ = state.reduce(.character("l"))
        #expect(state.selectedOffset == 600)
        #expect(!state.isPaused, "the map's keys do not pause playback")
        // A selected block that is freed no longer holds the selection after a seek.
        _ = state.reduce(.key(.end))
        #expect(state.screenModel.selectedOffset != 600 || state.timeline.current.pool.block(at: 600) != nil)
    }

    @Test func theTimelineFillsInWhileTheRunIsRead() throws {
        let script = try ScriptParser.parse("pool 64K\nrandom 3000 seed 9\n", fileName: "r.pool")
        var state = try PlayerState(script: script, poolSize: 65536, paused: true)
        state.scanPace = .steps(1000)
        #expect(state.wantsTicks, "it still reads the run")
        #expect(state.screenModel.statement?.contains("reading the run 0%") == true)
        _ = state.reduce(.tick)
        #expect(state.timeline.overview.scannedSteps == 1000)
        #expect(state.screenModel.statement?.contains("reading the run 33%") == true)
        // A seek past what was read reads on, a slice per tick, and goes there once it is read.
        _ = state.reduce(.key(.end))
        #expect(state.timeline.position == 0 && state.pendingSeek == .position(3001))
        #expect(state.screenModel.statement?.contains("going to step 3,001: 33% read · Esc cancels") == true)
        _ = state.reduce(.tick)
        #expect(state.screenModel.statement?.contains("going to step 3,001: 66% read") == true)
        _ = state.reduce(.tick)
        _ = state.reduce(.tick)
        #expect(state.timeline.position == 3001 && state.timeline.overview.isComplete)
        #expect(!state.wantsTicks)
        #expect(state.screenModel.statement?.contains("reading") == false)
    }
}
