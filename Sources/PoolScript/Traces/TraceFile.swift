/// A trace file that is run without being kept in memory (`poolmap run`): read once to check
/// it — every syntax error, the number of operations, the default pool size — then read again
/// in pieces while it runs. Memory stays O(live ids) whatever the file's length.
public struct TraceFile: Sendable {
    /// The path, also the name used in messages.
    public let path: String
    /// The trace's operations.
    public let statementCount: Int
    /// Its peak live bytes × 1.25 in whole KiB: the pool when `--size` does not say.
    public let defaultPoolSize: Int

    /// Checks the trace at `path`.
    /// - Throws: `.unreadable`, or `.syntax` with every syntax error (as `ScriptFile.load`).
    /// - Complexity: O(bytes) time, O(live ids) memory.
    public init(path: String) throws(ScriptFile.LoadError) {
        var scanner = TraceScanner(fileName: path)
        var peak = TracePeak()
        try ScriptFile.readPieces(ofPath: path) { piece in
            scanner.feed(piece) { peak.add($0) }
            return !scanner.isBinary
        }
        scanner.finish { peak.add($0) }
        if let errors = scanner.errors { throw .syntax(errors) }
        self.path = path
        statementCount = scanner.statementCount
        defaultPoolSize = peak.poolSize
    }

    /// A script with no statements of its own that names this trace: what a runner fed by
    /// `forEachStatement` is made with.
    public var emptyScript: Script {
        Script(kind: .trace, fileName: path, statements: [])
    }

    /// Calls `body` with every operation in file order, reading the file again in pieces.
    /// - Throws: `.unreadable`, or `.syntax` when the file changed since it was checked.
    public func forEachStatement(_ body: (Statement) -> Void) throws(ScriptFile.LoadError) {
        var scanner = TraceScanner(fileName: path)
        try ScriptFile.readPieces(ofPath: path) { piece in
            scanner.feed(piece, emit: body)
            return !scanner.isBinary
        }
        scanner.finish(emit: body)
        if let errors = scanner.errors { throw .syntax(errors) }
    }
}
