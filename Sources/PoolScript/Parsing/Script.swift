import PoolAllocator

/// A parsed script or trace, ready to run: its statements in file order.
public struct Script: Equatable, Sendable {
    /// Which grammar the file was read with.
    public enum Kind: String, Equatable, Sendable {
        /// A `.pool` script: named allocations, captions, waits, `random`.
        case script
        /// An allocation trace (`.trace`, `.rep`): numbered ids.
        case trace
    }

    /// Which grammar the file was read with.
    public var kind: Kind
    /// The file name used in messages (`FILE:LINE: error: …`).
    public var fileName: String
    /// The statements in file order (a trace's packed, see `StatementList`).
    public var statements: StatementList
    /// The policies a `compare first best` line at the top asks to run side by side (two to
    /// four, in its order); nil when the script has none.
    public var comparePolicies: [FitPolicy]?
    /// Where each block of a trace was allocated, when the file says (mtrace callers, a
    /// snapshot's frames, `# at` comments): by trace id.
    public var callSites = CallSites()
    /// A trace's default pool size, worked out while it was read (see `tracePoolSize`), or set
    /// by a reader that knows better (a snapshot replay: the device's capacity), which then
    /// says why in `poolSizeReason`.
    public var knownTracePoolSize: Int?
    /// Why the default pool has its size when it is not a trace's peak × 1.25, in the words of
    /// a report's heading ("the device's capacity"); nil for the usual rule.
    public var poolSizeReason: String?

    /// Creates a script of `kind` named `fileName` from its statements in file order.
    public init(kind: Kind, fileName: String, statements: [Statement]) {
        self.init(kind: kind, fileName: fileName, statements: StatementList(statements))
    }

    /// Creates a script of `kind` named `fileName` from a list of statements.
    public init(kind: Kind, fileName: String, statements: StatementList) {
        self.kind = kind
        self.fileName = fileName
        self.statements = statements
    }

    /// How many steps running the whole script takes: one per statement, and `count` for a
    /// `random count` statement. Saturates at `Int.max`.
    /// - Complexity: O(1) for traces, O(statements) for scripts.
    public var stepCount: Int {
        guard case .statements(let statements) = self.statements.storage else { return self.statements.count }
        var total = 0
        for statement in statements {
            if case .random(let count, _) = statement.action {
                total = total.addingReportingOverflow(count).overflow ? Int.max : total + count
            } else {
                total = total == Int.max ? total : total + 1
            }
        }
        return total
    }
}
