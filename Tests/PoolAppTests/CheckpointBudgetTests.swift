import PoolAllocator
import Testing

@testable import PoolApp
@testable import PoolScript

/// The timeline's checkpoints stay within their memory budget on a trace that keeps many blocks
/// live and churns them, and seeks still land on the state after that many steps.
@Suite struct CheckpointBudgetTests {
    /// A trace that allocates `live` blocks, then churns: each step frees one of them (drawn
    /// from a fixed generator) or allocates a new one, so checkpoints share little.
    static func churnTrace(live: Int, churn: Int) throws -> Script {
        var lines: [String] = []
        var ids: [Int] = []
        var next = 0
        var random: UInt64 = 7
        func draw(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        func allocate() {
            lines.append("a \(next) \(16 + draw(2000))")
            ids.append(next)
            next += 1
        }
        for _ in 0..<live { allocate() }
        for _ in 0..<churn {
            if draw(2) == 0, !ids.isEmpty {
                let index = draw(ids.count)
                lines.append("f \(ids[index])")
                ids.swapAt(index, ids.count - 1)
                ids.removeLast()
            } else {
                allocate()
            }
        }
        return try TraceParser.parse(lines.joined(separator: "\n"), fileName: "churn.trace")
    }

    @Test func theCheckpointsStayWithinTheBudgetAndSeeksStillLand() throws {
        let script = try Self.churnTrace(live: 4000, churn: 16_000)
        let budget = 1 << 20
        var timeline = try PlayerTimeline(script: script, poolSize: 64 << 20, checkpointBudget: budget)
        var unbounded = try PlayerTimeline(script: script, poolSize: 64 << 20, checkpointBudget: .max)
        while !timeline.overview.isComplete {
            timeline.scan(steps: 1000)
            #expect(timeline.checkpointBytes <= budget, "at step \(timeline.overview.scannedSteps)")
        }
        unbounded.scan(through: unbounded.totalSteps)
        // Unbounded, the checkpoints would hold several times the budget: the budget spaced them.
        #expect(unbounded.checkpointBytes > 3 * budget, "unbounded: \(unbounded.checkpointBytes) bytes")
        #expect(timeline.checkpointInterval > unbounded.checkpointInterval)
        #expect(timeline.checkpointCount >= 2 && timeline.checkpointCount < unbounded.checkpointCount)
        // The measure is honest: at least one whole pool (a checkpoint of the full pool) …
        var runner = try ScriptRunner(script: script, poolSize: 64 << 20)
        for _ in 0..<4000 { _ = runner.step() }
        #expect(timeline.checkpointBytes >= runner.pool.bookkeepingBytes / 2)
        // … and seeks anywhere land on the state after that many steps.
        for target in [timeline.totalSteps, 1, 19_999, 4321, 12_000, 0, 15_555] {
            timeline.move(to: target)
            var plain = try ScriptRunner(script: script, poolSize: 64 << 20)
            for _ in 0..<target { _ = plain.step() }
            #expect(timeline.position == target)
            #expect(timeline.current.pool.regions == plain.pool.regions, "at \(target)")
            #expect(timeline.current.state.idsByOffset == plain.state.idsByOffset, "at \(target)")
        }
    }
}
