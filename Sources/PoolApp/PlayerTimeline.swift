import PoolAllocator
import PoolScript

/// A script's run as a timeline that can be walked both ways: every step taken so far, and a
/// checkpoint of the run every `checkpointInterval` steps.
///
/// Steps are run lazily, the first time playback reaches them, so a long trace starts at once.
/// Going back to position `p` restores the checkpoint at or before `p` and replays at most
/// `checkpointInterval - 1` steps: instant at any depth of a 300,000-step trace. Checkpoints
/// are `RunnerState` copies, which share the pool's storage until it next changes.
struct PlayerTimeline: Sendable {
    /// Steps between two checkpoints.
    static let checkpointInterval = 256

    /// The runner at `position`.
    public private(set) var current: ScriptRunner
    /// The runner at the furthest position reached, kept aside while `current` is behind it;
    /// nil when `current` is at the frontier (one runner, so stepping never copies the pool).
    private var frontier: ScriptRunner?
    /// Every step run so far, in order.
    public private(set) var steps: [Step] = []
    /// Fragmentation after each step, for the sparkline.
    public private(set) var fragmentation: [Double] = []
    /// `checkpoints[i]` is the state after `i * checkpointInterval` steps.
    private var checkpoints: [RunnerState]
    /// Steps run from the start to reach `current`.
    public private(set) var position = 0

    /// A timeline at the start of `script`, with `poolSize` bytes before any `pool` statement.
    public init(script: Script, poolSize: Int) throws(PoolError) {
        current = try ScriptRunner(script: script, poolSize: poolSize)
        checkpoints = [current.state]
    }

    /// The script played.
    public var script: Script { current.script }

    /// Whether every step has been run and playback stands after the last one.
    var isAtEnd: Bool { frontier == nil && current.isFinished }

    /// The step that led to the current position, if any.
    var lastStep: Step? { position > 0 ? steps[position - 1] : nil }

    /// Runs (or replays) the next step; nil at the end.
    /// - Complexity: O(log n) for most steps (see `ScriptRunner`), plus an occasional checkpoint.
    mutating func stepForward() -> Step? {
        if let furthest = frontier {
            // Replaying a known step: the runner is deterministic, so it gives the same step.
            _ = current.step()
            position += 1
            if position == steps.count {
                current = furthest
                frontier = nil
            }
            return steps[position - 1]
        }
        guard let step = current.step() else { return nil }
        steps.append(step)
        fragmentation.append(current.state.pool.stats.fragmentation)
        position += 1
        if position % Self.checkpointInterval == 0 { checkpoints.append(current.state) }
        return step
    }

    /// Moves to `target` (clamped to the steps run so far; use `stepForward` to go further).
    /// - Complexity: O(checkpointInterval · log n) at most.
    public mutating func move(to target: Int) {
        let target = min(max(0, target), steps.count)
        guard target != position else { return }
        if frontier == nil { frontier = current }
        if target == steps.count {
            current = frontier!
            frontier = nil
            position = target
            return
        }
        let checkpoint = target / Self.checkpointInterval
        if !(target > position && position / Self.checkpointInterval == checkpoint) {
            current.state = checkpoints[checkpoint]
            position = checkpoint * Self.checkpointInterval
        }
        while position < target {
            _ = current.step()
            position += 1
        }
    }

    /// One step back; false at the start.
    @discardableResult
    mutating func stepBack() -> Bool {
        guard position > 0 else { return false }
        move(to: position - 1)
        return true
    }

    /// Back to the start (the steps run so far are kept).
    mutating func rewind() {
        move(to: 0)
    }
}
