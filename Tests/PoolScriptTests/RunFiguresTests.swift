import PoolAllocator
import TestSupport
import Testing

@testable import PoolScript

/// A run's figures (`RunnerState.figures`): a trace's realloc counts the old and the new block
/// together, and a script's scenes combine.
@Suite struct RunFiguresTests {
    @Test func aReallocCountsTheOldAndTheNewBlockTogether() throws {
        // 1 at 0..<100, 2 at 100..<200; r 1 300 puts the new block at 200..<500 while the old
        // one is still live (500 live bytes), then frees it (400).
        let trace = try TraceParser.parse("a 1 100\na 2 100\nr 1 300\n", fileName: "t.trace")
        let report = try RunReport.run(trace, poolSize: 1000)
        #expect(report.final.pool.stats.used == 400)
        #expect(report.final.figures == PoolFigures(highWater: 500, peakLive: 500))
        #expect(report.final.figures.utilization == 1)
        var peak = TracePeak()
        for statement in trace.statements { peak.add(statement) }
        #expect(peak.peakBytes == 500, "the default pool size counts them the same way")
    }

    @Test func scenesCombineToTheHighestOfEachFigure() throws {
        let script = try ScriptParser.parse(
            "pool 1K\nalloc 10\nalloc 100 align 512\npool 2K\nx = alloc 300\nfree x\n", fileName: "s.pool")
        let report = try RunReport.run(script, poolSize: nil)
        #expect(report.final.pool.figures == PoolFigures(highWater: 300, peakLive: 300))
        #expect(report.final.figures == PoolFigures(highWater: 612, peakLive: 300))
        #expect(report.final.figures.heapFragmentation == 312.0 / 300.0)
    }

    @Test func aHeapScenesFiguresAreTheHeapsAndCombineWithAPools() throws {
        // docs/semantics.md's example, then a pool scene whose block ends higher and holds less.
        let script = try ScriptParser.parse(
            "heap 100 header 4 round 4\na = alloc 10\nb = alloc 5\nfree a\nc = alloc 3\n"
                + "pool 1K\nalloc 1\nalloc 10 align 64\n",
            fileName: "h.pool")
        let report = try RunReport.run(script, poolSize: nil)
        let heapScene = try #require(report.steps.firstIndex { $0.operation == .pool(size: 1024, policy: .first) })
        var runner = try ScriptRunner(script: script, poolSize: 1024)
        for _ in 0..<heapScene { _ = runner.step() }
        #expect(runner.state.heap != nil)
        #expect(runner.state.figures == PoolFigures(highWater: 28, peakLive: 15))
        #expect(report.final.figures == PoolFigures(highWater: 74, peakLive: 15))
    }

    /// On random traces that never fail, the run's peak live equals `TracePeak`'s, worked out
    /// from the trace alone, and the high-water mark lies between it and the pool's size.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomTracesAgreeWithTracePeak(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var live: [Int] = []
        var next = 0
        var text = ""
        for _ in 0..<400 {
            switch random.below(10) {
            case 0..<5:
                text += "a \(next) \(1 + random.below(300))\n"
                live.append(next)
                next += 1
            case 5..<8 where !live.isEmpty:
                text += "f \(live.remove(at: random.below(live.count)))\n"
            default:
                if let id = live.isEmpty ? nil : random.pick(live) { text += "r \(id) \(1 + random.below(600))\n" }
            }
        }
        let trace = try TraceParser.parse(text, fileName: "random.trace")
        var peak = TracePeak()
        for statement in trace.statements { peak.add(statement) }
        for policy in FitPolicy.allCases {
            // Four times the peak: every policy fits a run of this size without failing.
            let report = try RunReport.run(trace, poolSize: 4 * peak.peakBytes, policy: policy)
            #expect(report.summary.failedAllocations == 0, "seed \(seed), \(policy) fit")
            let figures = report.final.figures
            #expect(figures.peakLive == peak.peakBytes, "seed \(seed), \(policy) fit")
            #expect(figures.highWater >= figures.peakLive && figures.highWater <= 4 * peak.peakBytes)
        }
    }
}
