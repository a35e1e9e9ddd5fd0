import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolScript

/// The explain key `e` (and `--explain`): the explorer and the player play each allocation's
/// search on the pool before it, then show the block taken.
@Suite struct ExplainTests {
    @Test func theExplorersKeyTogglesTheSearch() throws {
        var drive = try ExplorerDrive()
        try drive.allocate("100")
        try drive.allocate("100")
        try drive.send([.key(.home), .character("f")])  // a hole of 100 at 0
        try drive.send([.character("e")])
        #expect(drive.state.explainsSearch)
        #expect(drive.lastLog == "explain: on; each allocation shows the free blocks first fit looks at")
        try drive.allocate("150")
        // The search plays on the pool before the allocation: the hole is too small, the rest fits.
        let search = try #require(drive.state.animation.search)
        #expect(search.search.looks.map(\.verdict) == [.tooSmall, .fits])
        #expect(drive.state.screenModel.pool.stats.blockCount == 1, "the pool before it")
        #expect(drive.state.pool.stats.blockCount == 2, "the allocation is made")
        // The outcome is logged when the search lands, not before.
        #expect(!drive.state.log.contains { $0.text.hasPrefix("search (first fit)") })
        #expect(drive.screen.contains("Search · first fit"))
        #expect(drive.app.tickInterval != nil)
        try drive.send(Array(repeating: .tick, count: search.duration))
        #expect(
            drive.state.log.contains {
                $0.text == "search (first fit): 2 free blocks looked at, 1 fits → lands at 0x00c8 (200)"
            })
        #expect(drive.state.animation.search?.isDecided == true)
        #expect(drive.state.screenModel.pool.stats.blockCount == 2)
        #expect(drive.state.screenModel.animation.appearing == [200..<350])
        #expect(drive.screen.contains("→ lands at 0x00c8 (200)"), "a decided search stays shown")
        try drive.send(Array(repeating: .tick, count: ExplorerAnimation.highlightTicks))
        #expect(drive.app.tickInterval == nil, "and asks for no more ticks")
        // A failure is explained too; the next operation clears the search.
        try drive.allocate("2K")
        #expect(drive.state.animation.search?.search.offset == nil)
        try drive.send([.character("d")])
        #expect(drive.state.animation.search == nil)
        try drive.send([.character("e")])
        #expect(!drive.state.explainsSearch && drive.lastLog == "explain: off")
        try drive.allocate("10")
        #expect(drive.state.animation.search == nil)
    }

    @Test func randomOperationsAreExplainedToo() throws {
        var drive = try ExplorerDrive(poolSize: 64 * 1024)
        try drive.send([.character("e")])
        var explained = 0
        for _ in 0..<10 {
            try drive.send([.character("r")])
            if drive.state.animation.search != nil { explained += 1 }
        }
        #expect(explained > 3)
    }

    @Test func thePlayerExplainsAndHoldsPlaybackUntilTheSearchIsDecided() throws {
        let script = try ScriptParser.parse(
            "pool 1K\na = alloc 100\nb = alloc 100\nfree a\nc = alloc 50\n", fileName: "p.pool")
        var state = try PlayerState(script: script, poolSize: 1024, speed: 5, explain: true)
        #expect(state.screenModel.statement?.hasPrefix("▶ 5 op/s · explain") == true)
        var positions: [Int] = []
        for _ in 0..<200 {
            _ = state.reduce(.tick)
            positions.append(state.timeline.position)
        }
        #expect(state.isFinished)
        // Each allocation holds playback for its search (two free blocks looked at for c: the
        // hole at 0 fits first) and a moment after: far longer than 5 operations a second.
        var plain = try PlayerState(script: script, poolSize: 1024, speed: 5)
        var plainTicks = 0
        while !plain.isFinished, plainTicks < 200 {
            _ = plain.reduce(.tick)
            plainTicks += 1
        }
        let explained = try #require(positions.firstIndex(of: 5))
        #expect(explained > plainTicks + 3 * PlayerState.explainPauseTicks, "\(explained) vs \(plainTicks) ticks")
        // `e` turns it off; a search shown is dropped.
        _ = state.reduce(.key(.character("g")))
        _ = state.reduce(.tick)
        for _ in 0..<12 { _ = state.reduce(.tick) }
        #expect(state.animation.search != nil)
        _ = state.reduce(.key(.character("e")))
        #expect(!state.explainsSearch && state.animation.search == nil)
    }

    @Test func steppingByHandExplainsAndFastPlaybackDoesNot() throws {
        let script = try ScriptParser.parse("pool 1K\na = alloc 100\nb = alloc 100\n", fileName: "p.pool")
        var paused = try PlayerState(script: script, poolSize: 1024, paused: true, explain: true)
        _ = paused.reduce(.key(.character("n")))
        _ = paused.reduce(.key(.character("n")))
        let search = try #require(paused.animation.search)
        #expect(search.search.offset == 0)
        #expect(paused.screenModel.pool.stats.blockCount == 0, "the pool before a")
        var fast = try PlayerState(script: script, poolSize: 1024, speed: 1000, explain: true)
        _ = fast.reduce(.tick)
        #expect(fast.isFinished && fast.animation.search == nil)
    }

    @Test func aHeadlessRecordingWithExplainEnds() throws {
        let script = try ScriptParser.parse("pool 1K\na = alloc 100\nfree a\nb = alloc 2K\n", fileName: "p.pool")
        let state = try PlayerState(script: script, poolSize: 1024, explain: true)
        let recording = PlayerRecording.headless(state, width: 80, height: 24)
        #expect(recording.cast.contains("Search · first fit"))
        #expect(recording.cast.contains("fails: none fits"))
    }
}
