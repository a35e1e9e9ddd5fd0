import PoolAllocator

/// Reads `.pool` scripts: one statement per line, `#` comments, blank lines ignored.
///
/// ```
/// pool 1KiB                      # a fresh, empty pool
/// a = alloc 256                  # allocate and name the block
/// b = alloc 200 align 256        # aligned allocation
/// alloc 64                       # unnamed allocation
/// free a                         # free by name, or `free 512` by offset
/// defrag                         # names follow their blocks
/// stats
/// say "Freeing b leaves a hole"
/// wait 1.5s                      # or 500ms
/// random 200 seed 7              # seed defaults to 1
/// ```
/// Every line is read even after an error, so one pass reports every syntax error.
enum ScriptParser {
    /// The statement keywords, in the order the grammar lists them.
    static let keywords = ["pool", "heap", "alloc", "free", "defrag", "stats", "say", "wait", "random", "compare"]

    /// Parses a script file's bytes.
    /// - Parameter fileName: the name used in diagnostics.
    /// - Throws: every syntax error of the file, in line order.
    /// - Complexity: O(bytes).
    public static func parse(_ bytes: [UInt8], fileName: String) throws(SyntaxErrors) -> Script {
        let source = SourceLines(bytes, fileName: fileName)
        var diagnostics = source.diagnostics
        var statements: [Statement] = []
        var compare: [FitPolicy]?
        var anythingBefore = false  // a statement (or a `compare`) came before this line
        for line in source.lines {
            let scalars = line.scalars
            var problems: [ScriptTokenizer.Failure] = []
            switch ScriptTokenizer.tokens(of: scalars) {
            case .failure(let failure):
                problems.append(failure)
            case .success(let tokens) where tokens.first?.word == "compare":
                var reader = StatementReader(tokens: tokens)
                let policies = reader.comparison()
                if anythingBefore {
                    reader.fail(tokens[0].column, "'compare' must come first in a script, before any statement")
                } else if let policies, reader.problems.isEmpty {
                    compare = policies
                }
                anythingBefore = true
                problems += reader.problems
            case .success(let tokens) where !tokens.isEmpty:
                var reader = StatementReader(tokens: tokens)
                if let action = reader.statement(), reader.problems.isEmpty {
                    statements.append(Statement(line: line.number, action: action))
                }
                anythingBefore = true
                problems += reader.problems
            case .success:
                break
            }
            for problem in problems {
                diagnostics.append(
                    Diagnostic(
                        fileName: fileName, line: line.number, column: problem.column,
                        message: problem.message, sourceLine: Diagnostic.printable(scalars)))
            }
        }
        guard diagnostics.isEmpty else {
            throw SyntaxErrors(diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        var script = Script(kind: .script, fileName: fileName, statements: statements)
        script.comparePolicies = compare
        return script
    }

    /// Parses script text, as the tests write it (files go through `ScriptFile`).
    public static func parse(_ text: String, fileName: String) throws(SyntaxErrors) -> Script {
        try parse(Array(text.utf8), fileName: fileName)
    }
}
