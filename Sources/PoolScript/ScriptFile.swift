#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        guard forceTrace || kind(ofPath: path) == .trace else {
            let bytes = try contents(ofPath: path)
            do {
                return try ScriptParser.parse(bytes, fileName: path)
            } catch {
                throw .syntax(error)
            }
        }
        var reader = PackedTraceReader(fileName: path, expectedBytes: fileSize(ofPath: path))
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

    /// The size of the file at `path`, or 0 when it has none (a pipe, a device) or cannot be
    /// read (`readPieces` then says why).
    static func fileSize(ofPath path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0 }
        return Int(info.st_size)
    }

    /// Bytes read at a time.
    static let pieceBytes = 1 << 20

    /// The file's bytes, or the system's reason it cannot be read. Reading stops at the first
    /// piece that holds a NUL byte (a binary file: the parser says so at that byte), so an
    /// endless input such as `/dev/zero` ends at once.
    public static func contents(ofPath path: String) throws(LoadError) -> [UInt8] {
        var bytes: [UInt8] = []
        try readPieces(ofPath: path) { piece in
            bytes.append(contentsOf: piece)
            return memchr(piece.baseAddress!, 0, piece.count) == nil
        }
        return bytes
    }

    /// Calls `body` with the file's bytes in pieces of up to `pieceBytes` (a smaller regular file
    /// in one piece), until the end or until `body` returns false.
    static func readPieces(
        ofPath path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(LoadError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        // A small regular file needs no megabyte: one byte more than its size reads it whole
        // and sees its end (a file that grows meanwhile is read on, in pieces of that size).
        var info = stat()
        let capacity =
            fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            ? min(pieceBytes, max(Int(info.st_size) + 1, 4096)) : pieceBytes
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, capacity)
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return }
            guard body(UnsafeBufferPointer(start: buffer, count: count)) else { return }
        }
    }
}
