#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a script or trace from disk and choosing its grammar.
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
    public static func load(path: String, forceTrace: Bool = false) throws(LoadError) -> Script {
        let bytes = try contents(ofPath: path)
        do {
            return try parse(bytes, fileName: path, kind: forceTrace ? .trace : kind(ofPath: path))
        } catch {
            throw .syntax(error)
        }
    }

    /// The largest file read: enough for traces of millions of events, and a bound for
    /// endless inputs such as `/dev/zero`.
    static let maximumFileSize = 256 << 20

    /// The file's bytes, or the system's reason it cannot be read.
    static func contents(ofPath path: String) throws(LoadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
            guard bytes.count <= maximumFileSize else {
                throw .unreadable(
                    path: path, reason: "larger than \(maximumFileSize >> 20) MiB, more than any script or trace needs")
            }
        }
    }
}
