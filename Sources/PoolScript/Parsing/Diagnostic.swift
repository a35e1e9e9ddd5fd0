/// A syntax error at a place in a file, printed compiler-style:
/// ```
/// demo.pool:3:9: error: "abc" is not a size; sizes look like 256, 4KiB, 0x100 or 2M
/// a = alloc abc
///           ^
/// ```
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    /// The file name as given (`FILE` in `FILE:LINE:COLUMN: error: …`).
    public var fileName: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int
    /// What is wrong, and where it helps, what was meant.
    public var message: String
    /// The offending line, made safe to print (control characters replaced).
    var sourceLine: String

    /// Creates the diagnostic at `line`:`column` of `fileName`, quoting `sourceLine` under the message.
    public init(fileName: String, line: Int, column: Int, message: String, sourceLine: String) {
        self.fileName = fileName
        self.line = line
        self.column = column
        // Messages quote the file's words: they are made safe to print like the line itself.
        self.message = Diagnostic.printable(message.unicodeScalars)
        self.sourceLine = sourceLine
    }

    /// The three lines: location and message, the source line, a caret under the column.
    public var description: String {
        // Tabs are kept under tabs so the caret lines up however the terminal expands them.
        var caret = ""
        for (index, scalar) in sourceLine.unicodeScalars.enumerated() where index < column - 1 {
            caret.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        let missing = max(0, column - 1 - sourceLine.unicodeScalars.count)
        caret += String(repeating: " ", count: missing) + "^"
        return "\(fileName):\(line):\(column): error: \(message)\n\(sourceLine)\n\(caret)"
    }

    /// `text` with every control character but tab replaced by U+FFFD, so printing a line of a
    /// hostile file cannot drive the terminal.
    static func printable(_ text: some Sequence<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text {
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            out.append(isControl && scalar != "\t" ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }
}

/// The syntax errors of a file: every one found, in line order. Running it would exit 2.
public struct SyntaxErrors: Error, Equatable, Sendable, CustomStringConvertible {
    /// The diagnostics kept (a file of millions of bad lines keeps its first ones).
    public var diagnostics: [Diagnostic]
    /// Errors found but not kept.
    public var omitted: Int

    /// Creates the errors of a file: those kept, and how many more were found.
    public init(_ diagnostics: [Diagnostic], omitted: Int = 0) {
        self.diagnostics = diagnostics
        self.omitted = omitted
    }

    /// Every diagnostic, then a count line: `2 errors in demo.pool` (and how many are shown,
    /// when some were not kept).
    public var description: String {
        let count = diagnostics.count + omitted
        let file = diagnostics.first?.fileName ?? "the file"
        var summary = "\(count) error\(count == 1 ? "" : "s") in \(file)"
        if omitted > 0 { summary += " (the first \(diagnostics.count) shown)" }
        return (diagnostics.map(\.description) + [summary]).joined(separator: "\n")
    }
}
