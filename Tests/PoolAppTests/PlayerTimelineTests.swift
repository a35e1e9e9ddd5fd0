import PoolAllocator
import Testing

@testable import PoolApp
@testable import PoolScript

@Suite struct PlayerTimelineTests {
    /// A script long enough for several checkpoints, with names, defrags and scenes.
    static let script = try! ScriptParser.parse(
        """
        pool 32KiB
        a = alloc 300
        b = alloc 100 align 256
        say "hello"
        random 700 seed 3
        defrag
        free b
        wait 1s
        random 300 seed 4
        pool 4KiB
        c = alloc 1K
        stats
        """, fileName: "long.pool")

    /// The state after `count` steps, by running from the start.
    func fresh(_ count: Int) throws -> RunnerState {
        var runner = try ScriptRunner(script: Self.script, poolSize: 65536)
        for _ in 0..<count { _ = runner.step() }
        return runner.state
    }

    func expectSame(_ a: RunnerState, _ b: RunnerState, _ where: String) {
        #expect(a.pool.regions == b.pool.regions, "\(`where`)")
        #expect(a.namesByOffset == b.namesByOffset, "\(`where`)")
        #expect(a.caption == b.caption, "\(`where`)")
        #expect(a.stepCount == b.stepCount, "\(`where`)")
    }

    @Test func anyEarlierPositionIsTheStateOfThatManySteps() throws {
        var timeline = try PlayerTimeline(script: Self.script, poolSize: 65536)
        while timeline.stepForward() != nil {}
        let total = timeline.steps.count
        #expect(total == 1 + 2 + 1 + 700 + 1 + 1 + 1 + 300 + 1 + 1 + 1)
        #expect(timeline.isAtEnd)
        let finalState = timeline.current.state
        var generator = SplitMix64(seed: 11)
        var targets = [0, 1, 255, 256, 257, 511, 512, 513, total - 1, total, 700, 3]
        for _ in 0..<25 { targets.append(generator.uniform(in: 0...total)) }
        for target in targets {
            timeline.move(to: target)
            #expect(timeline.position == target)
            expectSame(timeline.current.state, try fresh(target), "position \(target)")
        }
        // Forward again from behind the frontier replays the same steps and reaches the end.
        timeline.move(to: 100)
        var replayed: [Step] = []
        while let step = timeline.stepForward() { replayed.append(step) }
        #expect(replayed == Array(timeline.steps[100...]))
        #expect(timeline.isAtEnd)
        expectSame(timeline.current.state, finalState, "the end")
    }

    @Test func stepBackAndRewind() throws {
        var timeline = try PlayerTimeline(script: Self.script, poolSize: 65536)
        let backAtStart = timeline.stepBack()
        #expect(!backAtStart)
        for _ in 0..<10 { _ = timeline.stepForward() }
        let back = timeline.stepBack()
        #expect(back)
        #expect(timeline.position == 9)
        timeline.rewind()
        #expect(timeline.position == 0 && timeline.lastStep == nil)
        expectSame(timeline.current.state, try fresh(0), "start")
        #expect(timeline.steps.count == 10, "steps run so far are kept")
    }

    /// Going back late in a long trace costs at most one checkpoint interval of replay.
    @Test func timeTravelLateInALongTraceIsQuick() throws {
        var lines: [String] = []
        for i in 0..<20_000 {
            lines.append("a \(i) \(16 + i % 200)")
            if i >= 50 { lines.append("f \(i - 50)") }
        }
        let trace = try TraceParser.parse(lines.joined(separator: "\n"), fileName: "long.trace")
        var timeline = try PlayerTimeline(script: trace, poolSize: 1 << 20)
        while timeline.stepForward() != nil {}
        let clock = ContinuousClock()
        var worst = Duration.zero
        for target in stride(from: timeline.steps.count - 1, to: timeline.steps.count - 2000, by: -97) {
            let start = clock.now
            timeline.move(to: target)
            worst = max(worst, clock.now - start)
        }
        // Replaying ≤ 255 steps: far below a frame even in a debug build with invariant checks.
        #expect(worst < .milliseconds(250), "worst move took \(worst)")
    }
}
