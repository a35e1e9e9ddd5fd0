#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations `PoolRecord` needs, on paths as the system sees them, with the
/// system's reason when they fail.
enum FileSystem {
    /// The text of `errno` (or of `code`): "No such file or directory".
    static func reason(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// The status of `path` (following symbolic links), or nil with `errno` set.
    static func status(_ path: String) -> stat? {
        var result = stat()
        return stat(path, &result) == 0 ? result : nil
    }

    static func isDirectory(_ status: stat) -> Bool {
        status.st_mode & S_IFMT == S_IFDIR
    }

    static func isRegularFile(_ status: stat) -> Bool {
        status.st_mode & S_IFMT == S_IFREG
    }

    /// Whether `path` names something (a dangling symbolic link counts).
    static func exists(_ path: String) -> Bool {
        var result = stat()
        return lstat(path, &result) == 0
    }

    /// The folder part of `path`: "." for a bare name, "/" for a file at the root.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = path[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The last component of `path`.
    static func baseName(of path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// Creates `path` and its missing parents with mode 0700 (existing folders are kept).
    static func makeDirectories(_ path: String) throws(SystemError) {
        if let existing = status(path) {
            guard isDirectory(existing) else { throw SystemError(path: path, reason: reason(ENOTDIR)) }
            return
        }
        let parent = directory(of: path)
        if parent != path, parent != "." { try makeDirectories(parent) }
        if mkdir(path, 0o700) != 0, errno != EEXIST { throw SystemError(path: path, reason: reason()) }
    }

    /// Reads up to `limit` bytes from the start of `path`.
    static func readPrefix(_ path: String, limit: Int) throws(SystemError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError(path: path, reason: reason()) }
        defer { close(descriptor) }
        return try readPrefix(descriptor: descriptor, path: path, offset: 0, limit: limit)
    }

    /// Reads up to `limit` bytes of an open file from `offset` (fewer at its end).
    static func readPrefix(descriptor: Int32, path: String, offset: Int, limit: Int) throws(SystemError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(0, limit))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, buffer.count - filled, off_t(offset + filled))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemError(path: path, reason: reason())
            }
            if count == 0 { break }
            filled += count
        }
        return Array(bytes[0..<filled])
    }

    /// Reads the whole file at `path` (for the compiler's messages: small files).
    static func readText(_ path: String, limit: Int = 1 << 20) -> String {
        guard let bytes = try? readPrefix(path, limit: limit) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes all of `bytes` to `descriptor`.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Writes `text` to a new file at `path` (mode 0600), replacing nothing: the file must not exist.
    static func createFile(_ path: String, text: String) throws(SystemError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SystemError(path: path, reason: reason()) }
        var text = text
        let written = text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
        let failure = written ? 0 : errno
        if close(descriptor) != 0 || !written {
            let code = failure != 0 ? failure : errno
            unlink(path)
            throw SystemError(path: path, reason: reason(code))
        }
    }

    /// A unique suffix for temporary names: the pid and 64 random bits.
    static func uniqueSuffix() -> String {
        "\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
    }
}

/// A failed system call on a path: what and why.
public struct SystemError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}
