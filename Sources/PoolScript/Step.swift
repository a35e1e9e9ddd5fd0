import PoolAllocator

/// One thing a run did: a pool operation (a statement, one operation of a `random`, one trace
/// line) or a `say`/`wait`, with its outcome.
public struct Step: Equatable, Sendable {
    /// What was done, with its arguments.
    public enum Operation: Equatable, Sendable {
        /// A fresh pool (a `pool` statement).
        case pool(size: Int)
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
        /// An allocation that found no room: not an error, the message says why.
        case allocationFailed(String)
        /// A defragment: old offset → new offset for every live block, by old offset.
        case mapping([(old: Int, new: Int)])
        /// The figures `stats` recorded.
        case stats(PoolStats)
        /// A runtime error: nothing was changed, the run goes on.
        case error(String)

        public static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            switch (lhs, rhs) {
            case (.done, .done): return true
            case let (.offset(a), .offset(b)): return a == b
            case let (.allocationFailed(a), .allocationFailed(b)): return a == b
            case let (.mapping(a), .mapping(b)): return a.map(\.old) == b.map(\.old) && a.map(\.new) == b.map(\.new)
            case let (.stats(a), .stats(b)): return a == b
            case let (.error(a), .error(b)): return a == b
            default: return false
            }
        }
    }

    /// The 1-based source line it came from.
    public var line: Int
    public var operation: Operation
    public var outcome: Outcome
    /// Set for the operations a `random` statement drew: 1-based, of how many.
    public var randomIndex: (index: Int, of: Int)?

    public init(line: Int, operation: Operation, outcome: Outcome, randomIndex: (index: Int, of: Int)? = nil) {
        self.line = line
        self.operation = operation
        self.outcome = outcome
        self.randomIndex = randomIndex
    }

    public static func == (lhs: Step, rhs: Step) -> Bool {
        lhs.line == rhs.line && lhs.operation == rhs.operation && lhs.outcome == rhs.outcome
            && lhs.randomIndex?.index == rhs.randomIndex?.index && lhs.randomIndex?.of == rhs.randomIndex?.of
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
