import PoolFiles

/// Reading a script or trace from disk and choosing its grammar. Files are read in pieces, so
/// their size is not limited; a trace is parsed as it is read (see `TraceScanner`), and one
/// that is only run, not played, need not be kept at all (see `TraceFile`).
public enum ScriptFile {
    /// Why a file could not be turned into a script.
    public enum LoadError: Error, Sendable, CustomStringConvertible {
        /// The file could not be read (exit status 1): `path: No such file or directory`.
        case unreadable(path: String, reason: String)
        /// The file has syntax errors (exit status 2).
        case syntax(SyntaxErrors)

        /// The error as the command line prints it: `cannot read PATH: REASON`, or the diagnostics.
        public var description: String {
            switch self {
            case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
            case .syntax(let errors): return errors.description
            }
        }
    }

    /// Traces end in `.trace` or `.rep`; every other file is a script.
    public static func kind(ofPath path: String) -> Script.Kind {
        let lower = path.lowercased()
        return lower.hasSuffix(".trace") || lower.hasSuffix(".rep") ? .trace : .script
    }

    /// Parses `bytes` with the grammar of `kind`.
    public static func parse(_ bytes: [UInt8], fileName: String, kind: Script.Kind) throws(SyntaxErrors) -> Script {
        switch kind {
        case .script: return try ScriptParser.parse(bytes, fileName: fileName)
        case .trace: return try TraceParser.parse(bytes, fileName: fileName)
        }
    }

    /// Reads and parses the file at `path`; `forceTrace` reads it as a trace whatever its name.
    /// A trace's operations are kept packed (about 20 bytes each).
    /// - Complexity: O(bytes).
    public static func load(path: String, forceTrace: Bool = false) throws(LoadError) -> Script {
        try load(path: path, format: forceTrace || kind(ofPath: path) == .trace ? .trace : .pool)
    }

    /// Reads and parses the file at `path` as `format` (see `InputFormat.detect`). A snapshot is
    /// not read here (`PoolSnapshot` reads it): asking is an `.unreadable` error.
    /// - Complexity: O(bytes).
    public static func load(path: String, format: InputFormat) throws(LoadError) -> Script {
        switch format {
        case .pool, .trace: break
        case .mtrace: return try loadMtrace(path: path).script
        case .snapshot:
            throw .unreadable(path: path, reason: "a PyTorch snapshot is read by the PoolSnapshot module")
        }
        guard format == .trace else {
            let bytes = try contents(ofPath: path)
            do {
                return try ScriptParser.parse(bytes, fileName: path)
            } catch {
                throw .syntax(error)
            }
        }
        var reader = PackedTraceReader(fileName: path, expectedBytes: FileSystem.regularFileSize(path) ?? 0)
        try readPieces(ofPath: path) { piece in
            reader.feed(piece)
            return !reader.isBinary
        }
        do {
            return try reader.finish()
        } catch {
            throw .syntax(error)
        }
    }

    /// Reads the glibc mtrace log at `path`, in pieces, into a trace; the reader is returned too,
    /// for what it counted (`convert`'s notes).
    public static func loadMtrace(path: String) throws(LoadError) -> (script: Script, reader: MtraceReader) {
        var reader = MtraceReader(fileName: path)
        try readPieces(ofPath: path) { piece in
            reader.feed(piece)
            return !reader.isBinary
        }
        do {
            let script = try reader.finish()
            return (script, reader)
        } catch {
            throw .syntax(error)
        }
    }

    /// The file's bytes, or the system's reason it cannot be read. Reading stops at the first
    /// piece that holds a NUL byte (a binary file: the parser says so at that byte), so an
    /// endless input such as `/dev/zero` ends at once.
    public static func contents(ofPath path: String) throws(LoadError) -> [UInt8] {
        var bytes: [UInt8] = []
        try readPieces(ofPath: path) { piece in
            bytes.append(contentsOf: piece)
            return !piece.contains(0)
        }
        return bytes
    }

    /// Calls `body` with the file's bytes in pieces (`FileSystem.readPieces`: up to 1 MiB, a
    /// smaller regular file in one piece), until the end or until `body` returns false.
    static func readPieces(
        ofPath path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(LoadError) {
        do {
            try FileSystem.readPieces(ofPath: path, body)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
    }
}
