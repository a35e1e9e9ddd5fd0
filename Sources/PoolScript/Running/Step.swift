import PoolAllocator

/// One thing a run did: a pool operation (a statement, one operation of a `random`, one trace
/// line) or a `say`/`wait`, with its outcome.
public struct Step: Equatable, Sendable {
    /// What was done, with its arguments.
    public enum Operation: Equatable, Sendable {
        /// A fresh pool (a `pool` statement) and the policy it places blocks by.
        case pool(size: Int, policy: FitPolicy)
        /// A fresh free-list heap (a `heap` statement).
        case heap(HeapSpec)
        /// An allocation; `name` for scripts, `id` for traces; `alignment` nil when plain.
        case alloc(name: String?, id: Int?, size: Int, alignment: Int?)
        /// A free; `offset` is the block's offset when it was known (a free by name reports it).
        case free(name: String?, id: Int?, offset: Int?)
        /// A trace realloc of `id` to `size`; `offset` is the old block's, when it was live.
        case realloc(id: Int, size: Int, offset: Int?)
        case defrag
        case stats
        case say(String)
        case wait(milliseconds: Int)
    }

    /// How it ended.
    public enum Outcome: Equatable, Sendable {
        /// Done, with nothing to report (a free, `pool`, `say`, `wait`).
        case done
        /// An allocation (or realloc) at this offset.
        case offset(Int)
        /// In a heap scene, an allocation as malloc.py answers it: the block's address (its
        /// header's start) and the free-list elements looked at ("searched N elements").
        case placed(address: Int, searched: Int)
        /// An allocation that found no room: not an error, the message says why.
        case allocationFailed(String)
        /// A defragment: old offset → new offset for every live block, by old offset.
        case mapping([Move])
        /// The figures `stats` recorded.
        case stats(PoolStats)
        /// A runtime error: nothing was changed, the run goes on.
        case error(String)
        /// What malloc.py answers with `returned -1` and is not an error: a free in a heap scene
        /// of an address where no block starts (a second free of a name); the message says why.
        case refused(String)
    }

    /// Where a defragment moved one live block.
    public struct Move: Equatable, Sendable {
        /// The block's offset before the defragment.
        public var old: Int
        /// Its offset after.
        public var new: Int

        /// Creates the move of a block from `old` to `new`.
        public init(old: Int, new: Int) {
            self.old = old
            self.new = new
        }
    }

    /// The place of an operation drawn by a `random` statement: the `index`-th (1-based) of `count`.
    public struct RandomIndex: Equatable, Sendable {
        /// Which operation of the `random` statement this was, from 1.
        public var index: Int
        /// How many operations the `random` statement drew.
        public var count: Int

        /// Creates the place of the `index`-th operation of `count`.
        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }
    }

    /// The 1-based source line it came from.
    public var line: Int
    /// What was done.
    public var operation: Operation
    /// How it ended.
    public var outcome: Outcome
    /// Set for the operations a `random` statement drew.
    public var randomIndex: RandomIndex?

    /// Creates the step of source line `line`; `randomIndex` for an operation a `random` drew.
    public init(line: Int, operation: Operation, outcome: Outcome, randomIndex: RandomIndex? = nil) {
        self.line = line
        self.operation = operation
        self.outcome = outcome
        self.randomIndex = randomIndex
    }

    /// In a heap scene, the free-list elements a successful allocation looked at (malloc.py's
    /// "searched N elements"; a failed one looked at them all); nil otherwise. Kept in the
    /// outcome, so that a pool's steps carry nothing more.
    public var searched: Int? {
        if case .placed(_, let searched) = outcome { return searched }
        return nil
    }

    /// Whether the step touched the pool (everything but `say` and `wait`).
    public var isPoolOperation: Bool {
        switch operation {
        case .say, .wait: return false
        default: return true
        }
    }

    /// The runtime error, if the step was one.
    public var error: String? {
        if case .error(let message) = outcome { return message }
        return nil
    }
}
