import MemoryMap
import PoolAllocator
import TestSupport
import Testing

@testable import PoolApp
@testable import PoolScript

/// The screens' share of what a newcomer tripped on: keys that said nothing, offsets written
/// two ways, a replay that did not say it was one.
@Suite struct NewcomerScreenTests {
    static func player(
        _ text: String, speed: Double? = nil, paused: Bool = true, sizeChoice: PoolSizeChoice? = nil
    ) throws -> PlayerState {
        let script = try ScriptParser.parse(text, fileName: "p.pool")
        return try PlayerState(script: script, poolSize: 4096, speed: speed, paused: paused, sizeChoice: sizeChoice)
    }

    @Test func aSeekWithNowhereToGoSaysSo() throws {
        var state = try Self.player("a = alloc 100\nb = alloc 100\nfree a\n")
        // A seek forward waits for the run to be read that far (ticks read it), then says so.
        _ = state.reduce(.character("]"))
        for _ in 0..<20 { _ = state.reduce(.tick) }
        #expect(state.statusLine.hasPrefix("no failed allocation after this step · "))
        _ = state.reduce(.character("["))
        #expect(state.statusLine.hasPrefix("no failed allocation before this step · "))
        _ = state.reduce(.character("}"))
        for _ in 0..<20 { _ = state.reduce(.tick) }
        #expect(state.statusLine.hasPrefix("no defragment after this step · "))
        // The next key clears it.
        _ = state.reduce(.character("n"))
        #expect(!state.statusLine.contains("no defragment"))
    }

    @Test func explainSaysWhenPlaybackIsTooFastForIt() throws {
        var state = try Self.player("a = alloc 100\nb = alloc 100\n", speed: 200, paused: false)
        _ = state.reduce(.character("e"))
        #expect(state.statusLine.contains("explain shows each search at 40 op/s or slower; < slows down"))
        _ = state.reduce(.character("<"))
        _ = state.reduce(.character("<"))
        _ = state.reduce(.character("<"))
        #expect(state.speed <= 40)
        #expect(state.statusLine.contains(" · explain · "))
        #expect(!state.statusLine.contains("slows down"))
    }

    @Test func theLogNumbersStepsAndWritesOffsetsInHexWithTheDecimal() throws {
        var state = try Self.player("pool 4096\nsay \"hi\"\na = alloc 100\nb = alloc 300\nstats\n")
        for _ in 0..<5 { _ = state.reduce(.character("n")) }
        let log = state.screenModel.log.map(\.text)
        #expect(log.contains("3 a = alloc 100 → 0x0000 (0)"))
        #expect(log.contains("4 b = alloc 300 → 0x0064 (100)"))
        #expect(
            log.contains {
                $0.hasPrefix("5 stats → total 4096, used 400, free 3696, num_blocks 2, fragmentation 0.0000")
            })
        var stepped = try Self.player("pool 4096\na = alloc 100\nb = alloc 300\nc = alloc 8\n")
        while !stepped.statusLine.contains("b = alloc"), !stepped.isFinished { _ = stepped.reduce(.character("n")) }
        #expect(stepped.statusLine.hasSuffix("line 3: b = alloc 300 → 0x0064 (100)"))
    }

    @Test func aReplayNamesItsPolicyAndWhyItsPoolHasItsSize() throws {
        let trace = try TraceParser.parse("a 1 100\na 2 50\nf 1\n", fileName: "rec.trace")
        let state = try PlayerState(
            script: trace, poolSize: trace.tracePoolSize, paused: true, sizeChoice: .tracePeak)
        let title = state.view(width: 120, height: 30).text.split(separator: "\n")[0]
        #expect(title.contains("first fit · 1 KiB pool (peak live × 1.25) · 0 blocks"))
        // Too narrow for it all, the size alone still shows.
        let narrow = state.view(width: 60, height: 16).text.split(separator: "\n")[0]
        #expect(narrow.contains("1 KiB pool · 0 blocks"))
    }

    @Test func theExplorerLogsAnExplainedOutcomeWhenTheSearchLands() throws {
        var drive = try ExplorerDrive(poolSize: 1024)
        try drive.send([.character("e")])
        try drive.allocate("2000")
        #expect(!drive.state.log.contains { $0.text.contains("failed") }, "not before the search lands")
        try drive.send(Array(repeating: .tick, count: 200))
        #expect(drive.state.log.contains { $0.text.hasPrefix("search (first fit)") })
        #expect(drive.state.log.last?.text.contains("failed") == true)
        try drive.allocate("100")
        try drive.send(Array(repeating: .tick, count: 200))
        #expect(drive.state.log.last?.text == "alloc 100 B → 0x0000 (0)")
    }

    @Test func theMonochromeLegendShowsBothUsedGlyphs() throws {
        var pool = try MemoryPool(totalSize: 4096)
        _ = try pool.alloc(100)
        let mono = ScreenRenderer.render(ScreenModel(pool: pool, monochrome: true), width: 100, height: 30).text
        #expect(mono.contains("█▓ used ▒ pad ░ free"))
        let colour = ScreenRenderer.render(ScreenModel(pool: pool), width: 100, height: 30).text
        #expect(colour.contains("█ used ▒ pad ░ free"))
    }
}
