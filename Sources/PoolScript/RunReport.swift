import PoolAllocator

/// A finished headless run: the steps in order and the state they left.
public struct RunReport: Sendable {
    public var script: Script
    /// Every step, `say` and `wait` included.
    public var steps: [Step]
    /// The state after the last step.
    public var final: RunnerState

    public init(script: Script, steps: [Step], final: RunnerState) {
        self.script = script
        self.steps = steps
        self.final = final
    }

    /// Runs `script` to the end on a pool of `poolSize` bytes (before any `pool` statement),
    /// every pool placing blocks by `policy` when it is given (else as the script says).
    /// - Complexity: O(steps · log n) plus O(n) per `pool`/`defrag`.
    public static func run(_ script: Script, poolSize: Int, policy: FitPolicy? = nil) throws(PoolError) -> RunReport {
        var runner = try ScriptRunner(script: script, poolSize: poolSize, policy: policy)
        var steps: [Step] = []
        steps.reserveCapacity(script.statements.count)
        while let step = runner.step() { steps.append(step) }
        return RunReport(script: script, steps: steps, final: runner.state)
    }

    /// The runtime errors, as `FILE:LINE: error: …` lines.
    public var errorLines: [String] {
        steps.compactMap { $0.errorLine(fileName: script.fileName) }
    }
}
