import PoolAllocator

/// A finished headless run: the steps in order and the state they left.
public struct RunReport: Sendable {
    /// The script that ran.
    public var script: Script
    /// Every step, `say` and `wait` included.
    public var steps: [Step]
    /// The state after the last step.
    public var final: RunnerState
    /// The failures, errors, defragments and peaks of the steps.
    public var summary: RunSummary
    /// How the first pool got its size.
    public var sizeChoice: PoolSizeChoice

    /// Creates the report of a finished run from its steps, the state they left and their summary.
    public init(script: Script, steps: [Step], final: RunnerState, summary: RunSummary, sizeChoice: PoolSizeChoice) {
        self.script = script
        self.steps = steps
        self.final = final
        self.summary = summary
        self.sizeChoice = sizeChoice
    }

    /// Runs `script` to the end on a pool of `poolSize` bytes (before any `pool` statement; nil:
    /// the script's default, `ScriptRunner.defaultPoolSize(for:)`), every pool placing blocks
    /// by `policy` when it is given (else as the script says).
    /// - Complexity: O(steps · log n) plus O(n) per `pool`/`defrag`.
    public static func run(_ script: Script, poolSize: Int?, policy: FitPolicy? = nil) throws(PoolError) -> RunReport {
        var runner = try ScriptRunner(
            script: script, poolSize: poolSize ?? ScriptRunner.defaultPoolSize(for: script), policy: policy)
        var steps: [Step] = []
        var summary = RunSummary()
        steps.reserveCapacity(script.statements.count)
        while let step = runner.step() {
            steps.append(step)
            summary.add(step, after: runner.state.stats)
        }
        return RunReport(
            script: script, steps: steps, final: runner.state, summary: summary,
            sizeChoice: PoolSizeChoice(script: script, sizeGiven: poolSize != nil))
    }

    /// The first line of a report: the final pool's policy and size, and where the size came
    /// from (`first fit · 49 KiB pool (peak live × 1.25)`).
    public var heading: String {
        sizeChoice.current(final).heading(policy: final.pool.policy, poolSize: final.pool.totalSize)
    }

    /// The runtime errors, as `FILE:LINE: error: …` lines.
    public var errorLines: [String] {
        steps.compactMap { $0.errorLine(fileName: script.fileName) }
    }
}
