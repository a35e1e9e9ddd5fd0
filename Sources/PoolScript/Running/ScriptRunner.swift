import PoolAllocator
import PoolText

/// Runs a parsed script or trace against a `MemoryPool`, one step at a time.
///
/// A step is a pool operation (one statement, one operation drawn by a `random`, one trace
/// line) or a `say`/`wait`. Failed allocations and runtime errors (freeing an unbound name, a
/// double free, binding a name that still holds a block, …) are outcomes of their steps; the
/// run always goes on with the next statement. Each step costs O(log n) (n = live blocks)
/// except `pool` and `defrag`, which are O(n), and the draws of `random`, O(log T · log n).
public struct ScriptRunner: Sendable {
    /// The script being run.
    public let script: Script
    /// Where the run stands; copy it to keep a checkpoint, assign it back to return there.
    public var state: RunnerState
    /// The placement policy of every pool of the run (`--policy`), overriding the script's;
    /// nil lets each `pool` statement say, first fit by default.
    public let policy: FitPolicy?
    /// The list order of every heap of the run (`compare --orders`), overriding the script's;
    /// nil lets each `heap` statement say.
    package var heapOrder: FreeListHeap.ListOrder?

    /// A runner at the start of `script`.
    /// - Parameters:
    ///   - poolSize: the pool before any `pool` statement: `--size`, else 64 KiB for scripts and
    ///     `tracePoolSize` for traces (see `defaultPoolSize(for:)`).
    ///   - policy: the policy of every pool of the run, whatever the script says (`--policy`).
    /// - Throws: `PoolError.invalidPoolSize` when `poolSize < 1`.
    public init(script: Script, poolSize: Int, policy: FitPolicy? = nil) throws(PoolError) {
        self.script = script
        self.policy = policy
        state = RunnerState(pool: try MemoryPool(totalSize: poolSize, policy: policy ?? .first))
    }

    /// The pool a script starts with when no size is given: 64 KiB for a script, the trace's
    /// peak live bytes × 1.25 for a trace.
    public static func defaultPoolSize(for script: Script) -> Int {
        script.kind == .trace ? script.tracePoolSize : 64 * 1024
    }

    /// The pool as it stands.
    public var pool: MemoryPool { state.pool }

    /// Whether every statement has run.
    public var isFinished: Bool {
        state.random == nil && state.statementIndex >= script.statements.count
    }

    /// Runs the next step; nil when the script is finished.
    /// - Complexity: O(log n) for most steps; see the type's discussion.
    public mutating func step() -> Step? {
        let index = state.statementIndex
        let next = state.random == nil && index < script.statements.count ? script.statements[index] : nil
        // The next step starts by looking its id up, which on a large trace misses the cache:
        // asked for now, that load overlaps this step's work.
        if next != nil, index + 1 < script.statements.count, let id = script.statements.traceID(at: index + 1) {
            state.offsetsByID.prefetch(id)
        }
        return step(next: next)
    }

    /// Runs the next step, asking `next` for the next statement when one is needed (a `random`
    /// under way needs none): how a trace streams through a runner without being kept. `next`
    /// returns nil at the end.
    public mutating func step(reading next: () -> Statement?) -> Step? {
        step(next: state.random == nil ? next() : nil)
    }

    /// Runs the next step: the `random` under way, else `next` (nil: the end).
    private mutating func step(next: Statement?) -> Step? {
        let step: Step
        if let random = state.random {
            step = randomStep(random)
        } else {
            guard let statement = next else { return nil }
            state.statementIndex += 1
            step = perform(statement)
        }
        state.stepCount += 1
        if step.error != nil { state.errorCount += 1 }
        return step
    }

    /// Runs every remaining step, handing each to `body` with the state after it.
    public mutating func run(_ body: (Step, RunnerState) -> Void = { _, _ in }) {
        while let step = step() { body(step, state) }
    }

    // MARK: Steps

    private mutating func randomStep(_ random: RandomRun) -> Step {
        var workload = random.workload
        let operation = workload.next(for: state.pool)
        let done = random.done + 1
        state.random =
            done < random.count
            ? RandomRun(workload: workload, done: done, count: random.count, line: random.line) : nil
        var step: Step
        switch operation {
        case .free(let offset):
            let name = state.unbindName(at: offset, because: "freed by the random statement on line \(random.line)")
            step = Step(
                line: random.line, operation: .free(name: name, id: nil, offset: offset), outcome: freeOutcome(offset))
        case .alloc(let size, let alignment):
            let (outcome, _) = allocate(size: size, alignment: alignment)
            step = Step(
                line: random.line,
                operation: .alloc(name: nil, id: nil, size: size, alignment: alignment > 1 ? alignment : nil),
                outcome: outcome)
        }
        step.randomIndex = Step.RandomIndex(index: done, count: random.count)
        return step
    }

    private mutating func perform(_ statement: Statement) -> Step {
        let line = statement.line
        if state.heap != nil, let step = performInHeap(statement) { return step }
        switch statement.action {
        case .heap(let spec):
            return startHeap(spec, line: line)
        case .pool(let size, let named):
            // Sizes were checked positive when parsing; a failure here cannot happen, but is
            // reported rather than trusted.
            let policy = self.policy ?? named ?? .first
            do {
                state.startScene(try MemoryPool(totalSize: size, policy: policy))
                return Step(line: line, operation: .pool(size: size, policy: policy), outcome: .done)
            } catch {
                return Step(
                    line: line, operation: .pool(size: size, policy: policy), outcome: .error(error.description))
            }
        case .alloc(let name, let size, let alignment):
            let operation = Step.Operation.alloc(name: name, id: nil, size: size, alignment: alignment)
            if let name, let offset = state.offsetsByName[name] {
                return Step(
                    line: line, operation: operation,
                    outcome: .error(
                        "'\(name)' still holds the block at \(offset); free it before binding the name again "
                            + "(no allocation was made)"
                    ))
            }
            let (outcome, offset) = allocate(size: size, alignment: alignment ?? 1)
            if let name {
                if let offset {
                    state.bind(name, to: offset)
                } else {
                    state.unboundReasons[name] = "its allocation on line \(line) failed"
                }
            }
            return Step(line: line, operation: operation, outcome: outcome)
        case .free(.name(let name)):
            guard let offset = state.offsetsByName[name] else {
                let why = state.unboundReasons[name].map { ": \($0)" } ?? ": it was never allocated"
                return Step(
                    line: line, operation: .free(name: name, id: nil, offset: nil),
                    outcome: .error("cannot free '\(name)': the name is not bound to a block\(why)"))
            }
            state.unbindName(at: offset, because: "freed on line \(line)")
            return Step(line: line, operation: .free(name: name, id: nil, offset: offset), outcome: freeOutcome(offset))
        case .free(.offset(let offset)):
            let outcome = freeOutcome(offset)
            var name: String?
            if outcome == .done { name = state.unbindName(at: offset, because: "its block was freed on line \(line)") }
            return Step(line: line, operation: .free(name: name, id: nil, offset: offset), outcome: outcome)
        case .defrag:
            let moved = state.pool.defragment()
            state.follow(moved)
            let pairs = moved.sorted { $0.key < $1.key }.map { Step.Move(old: $0.key, new: $0.value) }
            return Step(line: line, operation: .defrag, outcome: .mapping(pairs))
        case .stats:
            return Step(line: line, operation: .stats, outcome: .stats(state.pool.stats))
        case .say(let caption):
            state.caption = caption
            return Step(line: line, operation: .say(caption), outcome: .done)
        case .wait(let milliseconds):
            return Step(line: line, operation: .wait(milliseconds: milliseconds), outcome: .done)
        case .random(let count, let seed):
            // Its first operation now; `step()` draws the others from `state.random`.
            return randomStep(RandomRun(workload: RandomWorkload(seed: seed), done: 0, count: count, line: line))
        case .traceAlloc(let id, let size, let alignment):
            return traceAlloc(id: id, size: size, alignment: alignment, line: line)
        case .traceFree(let id):
            return traceFree(id: id, line: line)
        case .traceRealloc(let id, let size):
            return traceRealloc(id: id, size: size, line: line)
        case .tracePlace(let id, let size, let offset):
            return tracePlace(id: id, size: size, offset: offset, line: line)
        case .recordedFailure(let size, let message):
            return Step(
                line: line, operation: .alloc(name: nil, id: nil, size: size, alignment: nil),
                outcome: .allocationFailed(message))
        }
    }

    // MARK: Pool calls

    /// Allocates, turning the allocator's answer into an outcome and the offset, if any.
    mutating func allocate(size: Int, alignment: Int) -> (Step.Outcome, Int?) {
        do {
            if let offset = try state.pool.allocAligned(size, alignment: alignment) {
                return (.offset(offset), offset)
            }
            return (
                .allocationFailed(AllocationFailure.message(size: size, alignment: alignment, stats: state.pool.stats)),
                nil
            )
        } catch {
            return (.error(error.description), nil)
        }
    }

    /// Frees the block at `offset`: `.done`, or the allocator's refusal as an error.
    mutating func freeOutcome(_ offset: Int) -> Step.Outcome {
        do {
            try state.pool.free(offset)
            return .done
        } catch {
            return .error("cannot free \(offset): \(error.description)")
        }
    }
}
