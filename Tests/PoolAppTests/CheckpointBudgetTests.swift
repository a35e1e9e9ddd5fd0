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
        let script = try Self.churnTrace(live: 3000, churn: 9000)
        let budget = 1 << 20
        var timeline = try PlayerTimeline(script: script, poolSize: 64 << 20, checkpointBudget: budget)
        let firstInterval = timeline.checkpointInterval
        while !timeline.overview.isComplete {
            timeline.scan(steps: 500)
            #expect(timeline.checkpointBytes <= budget, "at step \(timeline.overview.scannedSteps)")
        }
        // A checkpoint every 256 steps would hold several times the budget: it spaced them out.
        #expect(timeline.checkpointInterval >= 4 * firstInterval)
        #expect(timeline.checkpointCount >= 2)
        // The measure is honest: the checkpoints hold at least one whole checkpoint's arrays,
        // which hold each of its 3,000 live blocks' start, tag, id and offset (32 bits each).
        var plain = try ScriptRunner(script: script, poolSize: 64 << 20)
        for _ in 0..<3000 { _ = plain.step() }
        var oneCheckpoint = StorageTally()
        plain.state.compact.countStorage(in: &oneCheckpoint)
        #expect(oneCheckpoint.bytes > 3000 * 4 * MemoryLayout<Int32>.stride)
        #expect(timeline.checkpointBytes >= oneCheckpoint.bytes)
        // Seeks anywhere land on the state after that many steps (checked in order, one replay).
        plain = try ScriptRunner(script: script, poolSize: 64 << 20)
        var replayed = 0
        for target in [1, 2999, 4321, 8000, 11_999, timeline.totalSteps] {
            timeline.move(to: target)
            while replayed < target, plain.step() != nil { replayed += 1 }
            #expect(timeline.position == target)
            #expect(timeline.current.pool.regions == plain.pool.regions, "at \(target)")
            #expect(timeline.current.state.idsByOffset == plain.state.idsByOffset, "at \(target)")
        }
        timeline.move(to: 0)
        #expect(timeline.current.pool.stats.blockCount == 0)
    }
}
