import PoolAllocator
import TestSupport
import Testing

@testable import PoolApp
@testable import PoolScript

@Suite struct PlayerTimelineTests {
    /// A script long enough for several checkpoints, with names, defrags, failures and scenes.
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
        alloc 40K
        random 300 seed 4
        pool 4KiB
        c = alloc 1K
        stats
        """, fileName: "long.pool")

    /// Every step of a plain run from the start, and the state after each count of steps.
    static func plainRun() throws -> (steps: [Step], states: [RunnerState]) {
        var runner = try ScriptRunner(script: script, poolSize: 65536)
        var steps: [Step] = [], states = [runner.state]
        while let step = runner.step() {
            steps.append(step)
            states.append(runner.state)
        }
        return (steps, states)
    }

    func expectSame(_ a: RunnerState, _ b: RunnerState, _ where: String) {
        #expect(a.pool.regions == b.pool.regions, "\(`where`)")
        #expect(a.namesByOffset == b.namesByOffset, "\(`where`)")
        #expect(a.caption == b.caption, "\(`where`)")
        #expect(a.stepCount == b.stepCount, "\(`where`)")
    }

    @Test func anyPositionIsTheStateOfThatManyStepsWithTheStepsBeforeIt() throws {
        let plain = try Self.plainRun()
        var timeline = try PlayerTimeline(script: Self.script, poolSize: 65536)
        #expect(timeline.totalSteps == plain.steps.count)
        #expect(timeline.totalSteps == 1 + 2 + 1 + 700 + 1 + 1 + 1 + 1 + 300 + 1 + 1 + 1)
        var played: [Step] = []
        while let step = timeline.stepForward() { played.append(step) }
        #expect(played == plain.steps)
        #expect(timeline.isAtEnd)
        var generator = SplitMix64(seed: 11)
        let total = timeline.totalSteps
        var targets = [0, 1, 59, 60, 61, 255, 256, 257, 511, 512, 513, total - 1, total, 700, 3]
        for _ in 0..<25 { targets.append(generator.uniform(in: 0...total)) }
        for target in targets {
            timeline.move(to: target)
            #expect(timeline.position == target)
            expectSame(timeline.current.state, plain.states[target], "position \(target)")
            // The event log ends at the position.
            let window = Array(plain.steps[max(0, target - PlayerTimeline.recentCount)..<target])
            #expect(timeline.recentSteps == window, "recent steps at \(target)")
            #expect(timeline.recentFragmentation.count == window.count)
        }
        // Forward again from anywhere replays the same steps and reaches the end.
        timeline.move(to: 100)
        var replayed: [Step] = []
        while let step = timeline.stepForward() { replayed.append(step) }
        #expect(replayed == Array(plain.steps[100...]))
        expectSame(timeline.current.state, plain.states[total], "the end")
    }

    @Test func theOverviewMarksFailuresDefragmentsAndThePeak() throws {
        let plain = try Self.plainRun()
        var timeline = try PlayerTimeline(script: Self.script, poolSize: 65536)
        #expect(timeline.overview.scannedSteps == 0)
        timeline.scan(steps: 10)
        #expect(timeline.overview.scannedSteps == 10 && !timeline.overview.isComplete)
        timeline.scan(steps: 1_000_000)
        #expect(timeline.overview.isComplete)
        let failures = plain.steps.indices.filter {
            if case .allocationFailed = plain.steps[$0].outcome { return true }
            return false
        }.map { $0 + 1 }
        let defragments = plain.steps.indices.filter {
            if case .mapping = plain.steps[$0].outcome { return true }
            return false
        }.map { $0 + 1 }
        #expect(!failures.isEmpty && defragments == [705])
        #expect(timeline.overview.failures == failures)
        #expect(timeline.overview.defragments == defragments)
        let peak = (1...plain.steps.count).max {
            plain.states[$0].pool.stats.fragmentation < plain.states[$1].pool.stats.fragmentation
        }!
        #expect(timeline.overview.peakFragmentation == plain.states[peak].pool.stats.fragmentation)
        #expect(timeline.overview.peakFragmentationPosition == peak)
        // One bucket per step for a run this short; each records the figures after its step.
        #expect(timeline.overview.buckets.count == plain.steps.count)
        let bucket = timeline.overview.buckets[failures[0] - 1]
        #expect(bucket.hasFailure && !bucket.hasDefragment)
        #expect(timeline.overview.buckets[704].hasDefragment)
        #expect(RunOverview.first(of: failures, after: 0) == failures[0])
        #expect(RunOverview.last(of: failures, before: failures[0]) == nil)
        #expect(RunOverview.last(of: failures, before: failures[0] + 1) == failures[0])
    }

    @Test func aSeekBeyondWhatWasReadReadsAhead() throws {
        var timeline = try PlayerTimeline(script: Self.script, poolSize: 65536)
        timeline.move(to: 900)
        #expect(timeline.position == 900 && timeline.overview.scannedSteps == 900)
        timeline.move(to: timeline.totalSteps + 50)
        #expect(timeline.isAtEnd && timeline.overview.isComplete)
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
        expectSame(timeline.current.state, try Self.plainRun().states[0], "start")
    }

    /// A long trace keeps few checkpoints and no step per step, and any move replays at most
    /// one checkpoint interval.
    @Test func longTracesKeepBoundedCheckpointsAndMoveQuickly() throws {
        var lines: [String] = []
        for i in 0..<20_000 {
            lines.append("a \(i) \(16 + i % 200)")
            if i >= 50 { lines.append("f \(i - 50)") }
        }
        let trace = try TraceParser.parse(lines.joined(separator: "\n"), fileName: "long.trace")
        var timeline = try PlayerTimeline(script: trace, poolSize: 1 << 20)
        #expect(timeline.checkpointInterval == PlayerTimeline.minimumCheckpointInterval)
        timeline.move(to: timeline.totalSteps)
        let clock = ContinuousClock()
        var worst = Duration.zero
        for target in stride(from: timeline.totalSteps - 1, to: timeline.totalSteps - 2000, by: -97) {
            let start = clock.now
            timeline.move(to: target)
            worst = max(worst, clock.now - start)
        }
        // Replaying ≤ 256 + 60 steps: far below a frame even in a debug build with invariant checks.
        #expect(worst < .milliseconds(250), "worst move took \(worst)")
    }

    @Test func theCheckpointIntervalGrowsWithTheRun() throws {
        func interval(steps: Int) throws -> Int {
            let script = try ScriptParser.parse("pool 1M\nrandom \(steps) seed 1\n", fileName: "r.pool")
            return try PlayerTimeline(script: script, poolSize: 1 << 20).checkpointInterval
        }
        #expect(try interval(steps: 1000) == 256)
        #expect(try interval(steps: 65_536) == 256)
        #expect(try interval(steps: 1_000_000) == 4096)
        #expect(try interval(steps: 1_000_000) * PlayerTimeline.maximumCheckpoints >= 1_000_000)
    }
}
