import MemoryMap
import PoolAllocator
import PoolScript

/// A script's run as a timeline that can be walked both ways and jumped across, in memory that
/// does not grow with its steps.
///
/// Two runners go through the same script. The *scanner* reads ahead — on its own, a batch at
/// a time (`scan(steps:)`), or as far as a seek needs — filling in the `overview` (the
/// timeline's figures, failures, defragments) and keeping a checkpoint of the run every
/// `checkpointInterval` steps. The *current* runner is where playback stands. Moving to any
/// position restores the checkpoint before it and replays at most one interval plus the
/// `recentCount` steps the event log shows. No step is kept beyond the recent ones.
///
/// Checkpoints are `RunnerState.Compact` values: the pool's entries and the trace ids as flat
/// arrays, a third of what the tree and the id maps hold, expanded again on a seek. What they
/// hold together is measured as they are taken (`checkpointBytes`, `StorageTally`) and kept
/// within `checkpointBudget`: when it is exceeded, every other checkpoint is dropped and the
/// interval doubles, so a run whose pool is large keeps fewer checkpoints further apart and a
/// seek replays more steps (docs/architecture.md, "Checkpoints within a budget").
@usableFromInline package struct PlayerTimeline: Sendable {
    /// Steps the event log and the sparkline show, ending at the current position.
    package static let recentCount = 60
    /// Checkpoints kept at most, for long runs (the interval grows to keep to it): a seek
    /// replays at most steps/256, a few milliseconds even at 10⁷ steps, and fewer checkpoints
    /// cost less to take while reading.
    static let maximumCheckpoints = 256
    /// The shortest interval between checkpoints.
    static let minimumCheckpointInterval = 256
    /// What the checkpoints of one timeline may hold by default: 256 MiB. `@usableFromInline`
    /// (with the type) because the player's and the comparison's public initializers take it as
    /// their default argument.
    @usableFromInline package static let defaultCheckpointBudget = 256 << 20

    /// The script played.
    package let script: Script
    /// Steps in the whole run.
    package let totalSteps: Int
    /// Steps between two checkpoints: a power of two times `minimumCheckpointInterval`, which
    /// doubles whenever the checkpoints would exceed `checkpointBudget`.
    package private(set) var checkpointInterval: Int
    /// Bytes the checkpoints may hold together (`--checkpoint-budget`).
    package let checkpointBudget: Int
    /// The storage the checkpoints hold.
    private var tally = StorageTally()
    /// The runner at `position`.
    package private(set) var current: ScriptRunner
    /// Steps run from the start to reach `current`.
    package private(set) var position = 0
    /// The last steps that led to `position` with the fragmentation after each, in a ring of
    /// `recentCount` (stepping must not shift them all).
    private var recent = Ring<(step: Step, fragmentation: Double)>(capacity: recentCount)
    /// What the run does, as far as it has been read.
    package private(set) var overview: RunOverview
    /// The runner that reads ahead, at `overview.scannedSteps`.
    private var scanner: ScriptRunner
    /// `checkpoints[i]` is the state after `i * checkpointInterval` steps.
    private var checkpoints: [RunnerState.Compact]

    /// A timeline at the start of `script`, with `poolSize` bytes before any `pool` statement,
    /// every pool placing blocks by `policy` when it is given (else as the script says), every
    /// heap keeping its list in `heapOrder` when it is given (`compare --orders`), its
    /// checkpoints holding at most `checkpointBudget` bytes (beyond the first, which is kept
    /// whatever it holds).
    /// - Throws: `PoolError.invalidPoolSize` when `poolSize < 1`.
    package init(
        script: Script, poolSize: Int, policy: FitPolicy? = nil, heapOrder: FreeListHeap.ListOrder? = nil,
        checkpointBudget: Int = defaultCheckpointBudget
    ) throws(PoolError) {
        self.script = script
        totalSteps = script.stepCount
        var interval = Self.minimumCheckpointInterval
        while totalSteps / interval > Self.maximumCheckpoints { interval *= 2 }
        checkpointInterval = interval
        self.checkpointBudget = max(0, checkpointBudget)
        current = try ScriptRunner(script: script, poolSize: poolSize, policy: policy)
        current.heapOrder = heapOrder
        scanner = current
        checkpoints = [current.state.compact]
        checkpoints[0].countStorage(in: &tally)
        overview = RunOverview(totalSteps: totalSteps)
    }

    /// Bytes the checkpoints hold together: their arrays, and whatever else they hold counted
    /// once however many checkpoints share it.
    package var checkpointBytes: Int { tally.bytes }

    /// Checkpoints kept now.
    package var checkpointCount: Int { checkpoints.count }

    /// Whether playback stands after the last step.
    package var isAtEnd: Bool { position >= totalSteps }

    /// The step that led to the current position, if any.
    package var lastStep: Step? { recent.last?.step }

    /// The last steps that led to `position`, oldest first (at most `recentCount`).
    /// - Complexity: O(recentCount).
    package var recentSteps: [Step] { recent.elements.map(\.step) }

    /// The fragmentation after each of `recentSteps`.
    package var recentFragmentation: [Double] { recent.elements.map(\.fragmentation) }

    // MARK: Reading ahead

    /// Reads up to `count` more steps ahead into the overview.
    /// - Complexity: O(count · log n).
    package mutating func scan(steps count: Int) {
        scan(through: overview.scannedSteps + max(0, count))
    }

    /// Reads ahead until `target` steps are read (or the run ends).
    mutating func scan(through target: Int) {
        let end = min(target, totalSteps)
        while overview.scannedSteps < end, let step = scanner.step() {
            overview.add(step, stats: scanner.state.stats, fileName: script.fileName)
            if overview.scannedSteps % checkpointInterval == 0 { keepCheckpoint() }
        }
    }

    /// Keeps the scanner's state as the next checkpoint, then thins the checkpoints while they,
    /// and those still to come at this one's size, would hold more than the budget: flattening
    /// a state costs O(n), so a checkpoint that a later thinning would drop is better not taken.
    /// - Complexity: O(n + ids) to flatten the state, and O(checkpoints) when thinning, which
    ///   happens O(log steps) times in a run.
    private mutating func keepCheckpoint() {
        let checkpoint = scanner.state.compact
        let before = tally.bytes
        checkpoint.countStorage(in: &tally)
        checkpoints.append(checkpoint)
        let bytesEach = tally.bytes - before
        func projected() -> Int {
            tally.bytes + bytesEach * ((totalSteps - overview.scannedSteps) / checkpointInterval)
        }
        while projected() > checkpointBudget, checkpoints.count > 1 {
            // Keeping the even ones keeps `checkpoints[i]` after `i × interval` steps.
            checkpoints = stride(from: 0, to: checkpoints.count, by: 2).map { checkpoints[$0] }
            checkpointInterval *= 2
            tally = StorageTally()
            for checkpoint in checkpoints { checkpoint.countStorage(in: &tally) }
        }
    }

    // MARK: Moving

    /// Runs (or replays) the next step; nil at the end.
    /// - Complexity: O(log n) for most steps (see `ScriptRunner`).
    package mutating func stepForward() -> Step? {
        guard position < totalSteps else { return nil }
        scan(through: position + 1)
        guard let step = current.step() else { return nil }
        position += 1
        remember(step, fragmentation: current.state.stats.fragmentation)
        return step
    }

    /// Moves to position `target` (clamped to the run), reading ahead as far as needed.
    /// - Complexity: O((checkpointInterval + recentCount) · log n) at most, plus O(n) to expand
    ///   a checkpoint, besides reading ahead.
    package mutating func move(to target: Int) {
        let target = min(max(0, target), totalSteps)
        guard target != position else { return }
        scan(through: target)
        // The log needs the `recentCount` steps before the target: start from the checkpoint at
        // or before them, unless the current runner is already between it and the target.
        let windowStart = max(0, target - Self.recentCount)
        let checkpoint = windowStart / checkpointInterval
        if !(position <= target && position >= checkpoint * checkpointInterval) {
            current.state = checkpoints[checkpoint].expanded
            position = checkpoint * checkpointInterval
            recent.removeAll()
        }
        while position < target, let step = current.step() {
            position += 1
            if position > windowStart { remember(step, fragmentation: current.state.stats.fragmentation) }
        }
    }

    /// One step back; false at the start.
    @discardableResult
    package mutating func stepBack() -> Bool {
        guard position > 0 else { return false }
        move(to: position - 1)
        return true
    }

    /// Back to the start.
    package mutating func rewind() {
        move(to: 0)
    }

    private mutating func remember(_ step: Step, fragmentation: Double) {
        recent.append((step, fragmentation))
    }

    // MARK: Drawing

    /// The timeline to draw, showing `figure`.
    package func timelineModel(figure: TimelineModel.Figure) -> TimelineModel {
        TimelineModel(
            totalSteps: totalSteps, position: position, scannedSteps: overview.scannedSteps, figure: figure,
            buckets: overview.buckets)
    }
}

/// The last `capacity` values appended, oldest first; appending past it drops the oldest in O(1).
struct Ring<Element: Sendable>: Sendable {
    let capacity: Int
    private var storage: [Element] = []
    /// Where the oldest element is, once the ring is full.
    private var start = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { storage.count }

    var last: Element? {
        guard !storage.isEmpty else { return nil }
        return storage[(start + storage.count - 1) % storage.count]
    }

    mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[start] = element
            start = (start + 1) % capacity
        }
    }

    mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        start = 0
    }

    /// The elements, oldest first.
    var elements: [Element] { Array(storage[start...] + storage[..<start]) }
}
