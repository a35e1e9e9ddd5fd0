import PoolFiles

/// The formats poolmap reads, and the one place that decides which a file is in (`run`,
/// `play`, `compare`, `quiz` and `convert` all ask here).
public enum InputFormat: String, CaseIterable, Sendable {
    /// A `.pool` script.
    case pool
    /// poolmap's allocation trace, or a malloc-lab `.rep` trace.
    case trace
    /// A log written by glibc's `mtrace()`.
    case mtrace
    /// A PyTorch CUDA memory snapshot (a pickle), read by `PoolSnapshot`.
    case snapshot

    /// What the format is, for messages: "a glibc mtrace log".
    public var description: String {
        switch self {
        case .pool: return "a .pool script"
        case .trace: return "a trace, .trace or malloc-lab .rep"
        case .mtrace: return "a glibc mtrace log"
        case .snapshot: return "a PyTorch CUDA memory snapshot, a pickle"
        }
    }

    /// How many bytes of a file `detect` looks at: enough for a first line of any mtrace caller.
    static let sniffedBytes = 8192

    /// The format of the file at `path`: its content first — a first byte 0x80 is a pickle (a
    /// snapshot); a first line `= Start`, or a first event line that is an mtrace event, is an
    /// mtrace log — then its name: `.trace` and `.rep` are traces, anything else a `.pool`
    /// script (whose parser then says what is wrong, a binary file included). Only a regular
    /// file's content is looked at: reading a pipe's first bytes would take them from the reader.
    /// - Throws: `.unreadable` when the file cannot be read.
    public static func detect(path: String) throws(ScriptFile.LoadError) -> InputFormat {
        guard FileSystem.regularFileSize(path) != nil else {
            return ScriptFile.kind(ofPath: path) == .trace ? .trace : .pool
        }
        let prefix: [UInt8]
        do {
            prefix = try FileSystem.readPrefix(path, limit: sniffedBytes)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        return detect(prefix: prefix[...], path: path)
    }

    /// The format of a file whose first bytes are `prefix` (see `detect(path:)`).
    public static func detect(prefix: ArraySlice<UInt8>, path: String) -> InputFormat {
        if prefix.first == 0x80 { return .snapshot }
        if isMtrace(prefix) { return .mtrace }
        return ScriptFile.kind(ofPath: path) == .trace ? .trace : .pool
    }

    /// Whether the first line that is not blank reads as an mtrace line (`= Start` or an event,
    /// with or without its caller). A trace's `a`/`f`/`m`/`r` lines and a script's statements
    /// never do: their first word is a letter.
    static func isMtrace(_ prefix: ArraySlice<UInt8>) -> Bool {
        var rest = prefix
        while let first = rest.first, first == 0x0A || first == 0x0D || TraceParser.isBlank(first) {
            rest = rest.dropFirst()
        }
        let line = rest.prefix { $0 != 0x0A && $0 != 0x0D }
        if line.starts(with: "= Start".utf8) { return true }
        guard !line.contains(0) else { return false }
        var parser = MtraceLine(line)
        return parser.parse() != nil
    }
}
