/// A built-in demo: one of the `.pool` scripts or `.trace` files of `demos/`, embedded in the
/// binary so `poolmap demo` needs no file.
public struct Demo: Equatable, Sendable {
    /// The file's stem: `fragmentation`, `alignment`.
    public var name: String
    /// The file's name in `demos/`: `fragmentation.pool`.
    public var fileName: String
    /// The file's text, byte for byte.
    public var text: String

    /// Scripts or traces, by the file's extension.
    public var kind: Script.Kind { ScriptFile.kind(ofPath: fileName) }

    /// One line saying what it shows: the file's first comment line (for a trace, the program
    /// its `# source:` line names).
    public var summary: String {
        guard let first = text.split(separator: "\n", maxSplits: 1).first, first.hasPrefix("#") else {
            return kind == .trace ? "an allocation trace" : "a script"
        }
        var line = first.dropFirst().drop { $0 == " " }
        if line.hasPrefix("source:") {
            line = line.dropFirst("source:".count).drop { $0 == " " }
            if let end = line.firstIndex(of: ";") { line = line[..<end] }
            return "a real allocation trace: " + line
        }
        return String(line)
    }

    /// Parses the demo. The embedded demos always parse; a test holds them to it.
    public func script() throws(SyntaxErrors) -> Script {
        try ScriptFile.parse(Array(text.utf8), fileName: fileName, kind: kind)
    }
}

/// The built-in demos.
public enum DemoLibrary {
    /// The demo `poolmap demo` plays with no name: fragment, fail, defragment, succeed.
    public static let defaultName = "fragmentation"

    /// Every demo: the default first, then by name.
    public static let all: [Demo] =
        embeddedFiles
        .map { file in
            let stem = file.fileName.split(separator: ".").dropLast().joined(separator: ".")
            return Demo(name: stem, fileName: file.fileName, text: file.text)
        }
        .sorted { ($0.name == defaultName ? 0 : 1, $0.name) < ($1.name == defaultName ? 0 : 1, $1.name) }

    /// The demo called `name` (a file stem, `alignment`; the file name `alignment.pool` works too).
    public static func named(_ name: String) -> Demo? {
        all.first { $0.name == name || $0.fileName == name }
    }

    /// `--list`: one line per demo, its name and what it shows.
    public static var listing: String { listing(adding: []) }

    /// `--list` with `others` (demos of other kinds, name and summary) after these, aligned.
    public static func listing(adding others: [(name: String, summary: String)]) -> String {
        let lines = all.map { ($0.name, $0.summary) } + others
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { name, summary in
            name + String(repeating: " ", count: width - name.count + 2) + summary
        }.joined(separator: "\n") + "\n"
    }
}
