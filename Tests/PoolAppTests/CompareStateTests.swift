import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolReport
@testable import PoolScript

/// The comparison view: bands in lockstep, failures flashed and logged per policy, the player's
/// keys on every band, the ranking at the end.
@Suite struct CompareStateTests {
    static let text = """
        pool 550
        say "two holes"
        a = alloc 200
        s1 = alloc 100
        b = alloc 150
        s2 = alloc 100
        free a
        free b
        c = alloc 120
        d = alloc 80
        e = alloc 150
        stats
        """

    static func state(_ policies: [FitPolicy] = [.first, .best], speed: Double = 25) throws -> CompareState {
        let script = try ScriptParser.parse(text, fileName: "c.pool")
        return try CompareState(script: script, policies: policies, poolSize: 4096, speed: speed)
    }

    @Test func quitAndHelpFollowTheOneRule() throws {
        try QuitAndHelpRule<CompareApp>(
            make: { CompareApp(state: try Self.state()) }, isHelpOpen: \.state.isHelpOpen, otherKey: .character("n"),
            prompted: {
                var state = try Self.state()
                _ = state.reduce(.character(":"))
                return CompareApp(state: state)
            },
            promptText: { $0.state.prompt?.text }
        ).check()
    }

    func ticks(_ state: inout CompareState, _ count: Int) {
        for _ in 0..<count { _ = state.reduce(.tick) }
    }

    @Test func everyBandStandsAtTheSamePositionWithItsOwnPolicy() throws {
        var state = try Self.state([.first, .next, .best, .worst])
        ticks(&state, 6)  // one pool operation a tick at 25 op/s; the say takes no time of its own
        #expect(state.bands.allSatisfy { $0.timeline.position == state.position })
        #expect(state.position == 7)
        #expect(state.bands.map(\.timeline.current.pool.policy) == [.first, .next, .best, .worst])
        ticks(&state, 200)
        #expect(state.isFinished && state.bands.allSatisfy(\.timeline.isAtEnd))
        // The best-fit band took the 150 B hole for the 120 B request.
        #expect(state.bands[0].timeline.current.pool.block(at: 0)?.size == 120)
        #expect(state.bands[2].timeline.current.pool.block(at: 300)?.size == 120)
    }

    /// A fuzzer finding (the apps target, on the free-list demo): in a heap scene a band's pool
    /// stood in for the heap with first fit whatever the band's policy.
    @Test func inAHeapSceneEveryBandIsStillItsPolicys() throws {
        let script = try ScriptParser.parse(
            "heap 64 base 1000 header 4\na = alloc 10\nb = alloc 20\nfree a\nc = alloc 8\n", fileName: "h.pool")
        var state = try CompareState(script: script, policies: [.worst, .best], poolSize: 4096, speed: 25)
        for _ in 0..<3 {
            ticks(&state, 1)
            let bands = state.screenModel.bands
            #expect(bands.map(\.pool.policy) == [.worst, .best])
            #expect(bands.allSatisfy { $0.pool.totalSize == bands[0].pool.totalSize })
        }
    }

    @Test func aFailureFlashesItsBandAndIsLoggedPerPolicy() throws {
        var state = try Self.state()
        ticks(&state, 10)  // up to e = alloc 150 (position 11), which only best fit fails
        let model = state.screenModel
        #expect(model.bands[1].isFlashing && !model.bands[0].isFlashing)
        #expect(model.bands[1].failedAllocations == 1 && model.bands[0].failedAllocations == 0)
        let last = try #require(model.log.last)
        #expect(last.isError)
        #expect(last.text.hasPrefix("11 e = alloc 150: first → 0x012c (300) · best failed:"))
        ticks(&state, CompareState.flashTicks + 1)
        #expect(!state.screenModel.bands[1].isFlashing)
    }

    @Test func thePlayersKeysActOnEveryBand() throws {
        var state = try Self.state()
        _ = state.reduce(.character("n"))
        _ = state.reduce(.character("n"))
        #expect(state.position == 3 && state.pacing.isPaused)
        _ = state.reduce(.key(.left))  // back over a = alloc and the say before it
        #expect(state.bands.allSatisfy { $0.timeline.position == 1 })
        _ = state.reduce(.character("]"))  // the first failure in any band, once it is read
        _ = state.reduce(.tick)
        #expect(state.position == 11)
        _ = state.reduce(.key(.home))
        #expect(state.position == 0)
        _ = state.reduce(.key(.end))
        #expect(state.isFinished)
        _ = state.reduce(.character("["))
        #expect(state.position == 11)
        _ = state.reduce(.character(":"))
        for event in InputEvent.typing("50%") + [.key(.enter)] { _ = state.reduce(event) }
        #expect(state.position == 6)
        _ = state.reduce(.character(">"))
        #expect(state.pacing.speed == 50)
        _ = state.reduce(.character("g"))
        #expect(state.position == 0 && !state.pacing.isPaused)
        _ = state.reduce(.character("?"))
        #expect(state.screenModel.isHelpOpen)
        #expect(state.reduce(.character("x")) == .continue && state.isHelpOpen, "other keys do nothing under help")
        #expect(state.reduce(.character("q")) == .continue && !state.isHelpOpen, "q closes the help")
        #expect(state.reduce(.character("q")) == .quit)
    }

    @Test func theRankingAtTheEndIsTheHeadlessOne() throws {
        var state = try Self.state([.first, .next, .best, .worst])
        _ = state.reduce(.key(.end))
        _ = state.reduce(.tick)  // reads the runs, then goes there
        let model = state.screenModel
        let headless = try Comparison(
            .script(try ScriptParser.parse(Self.text, fileName: "c.pool")), policies: [.first, .next, .best, .worst],
            poolSize: 4096)
        #expect(model.ranking?.map(\.name) == headless.ranking.map { "\($0.policy.rawValue) fit" })
        #expect(
            model.bands.map(\.rank)
                == model.bands.map { band in
                    headless.ranking.firstIndex { "\($0.policy.rawValue) fit" == band.name }! + 1
                })
        #expect(model.statement.hasPrefix("end of c.pool"))
    }

    @Test func aClickOnTheTimelineSeeks() throws {
        var state = try Self.state()
        _ = state.reduce(.tick)
        let layout = ScreenRenderer.comparisonLayout(state.screenModel, width: 100, height: 30)
        _ = state.reduce(.click(row: layout.timelineRow, column: layout.timelineColumn + layout.timelineColumns - 1))
        #expect(state.isFinished)
        _ = state.reduce(.click(row: layout.timelineRow, column: layout.timelineColumn))
        #expect(state.position == 1)
    }

    @Test func nextFitsBandMarksItsRover() throws {
        var state = try Self.state([.first, .next], speed: 25)
        ticks(&state, 12)  // a few allocations in
        let grid = CompareApp(state: state).view(width: 100, height: 30)
        let layout = ScreenRenderer.comparisonLayout(state.screenModel, width: 100, height: 30)
        func roverCells(band: Int) -> Int {
            let top = layout.bandRow(band)
            return (top + 1..<top + layout.bandRows).reduce(0) { count, row in
                count + (0..<grid.width).filter { grid[row, $0].style == .rover }.count
            }
        }
        #expect(roverCells(band: 0) == 0)
        #expect(roverCells(band: 1) == 1)
        #expect(grid.text.split(separator: "\n").filter { $0.contains("░ rover") }.count == 1)
    }

    @Test func screens() throws {
        let golden = Golden(#filePath)
        var state = try Self.state()
        ticks(&state, 10)
        golden.check(CompareApp(state: state).view(width: 100, height: 30), "compare-100x30")
        var four = try Self.state([.first, .next, .best, .worst])
        _ = four.reduce(.key(.end))
        _ = four.reduce(.tick)
        golden.check(CompareApp(state: four).view(width: 60, height: 16), "compare-end-60x16")
        golden.check(CompareApp(state: four).view(width: 100, height: 30), "compare-end-100x30")
        #expect(CompareApp(state: four).view(width: 59, height: 16).text.contains("Terminal too small"))
        _ = four.reduce(.character("?"))
        let help = CompareApp(state: four).view(width: 60, height: 16).text
        for hint in KeyHint.compareHelp { #expect(help.contains(hint.keys), "compare help lacks \(hint.keys)") }
    }
}
