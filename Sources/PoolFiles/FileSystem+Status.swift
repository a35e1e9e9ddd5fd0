#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Hand-written on the C library: swift-system 1.8.1 has no `stat`, `mkdir`, `unlink`,
// `isatty` or `ioctl`, and keeps the current `errno` to itself.
extension FileSystem {
    /// The text of `code`, `errno` by default: "No such file or directory".
    package static func reason(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// The status of `path` (following symbolic links), or nil with `errno` set.
    package static func status(_ path: String) -> stat? {
        var result = stat()
        return stat(path, &result) == 0 ? result : nil
    }

    package static func isDirectory(_ status: stat) -> Bool {
        status.st_mode & S_IFMT == S_IFDIR
    }

    package static func isRegularFile(_ status: stat) -> Bool {
        status.st_mode & S_IFMT == S_IFREG
    }

    /// Whether `path` names something (a dangling symbolic link counts).
    package static func exists(_ path: String) -> Bool {
        var result = stat()
        return lstat(path, &result) == 0
    }

    /// Whether nothing is at `path` (not even a dangling link), rather than something that
    /// cannot be read.
    package static func doesNotExist(_ path: String) -> Bool {
        var result = stat()
        return lstat(path, &result) != 0 && (errno == ENOENT || errno == ENOTDIR)
    }

    /// The size of the regular file at `path`; nil for anything else (a pipe, a device) or
    /// when it cannot be read.
    package static func regularFileSize(_ path: String) -> Int? {
        status(path).flatMap { isRegularFile($0) ? Int($0.st_size) : nil }
    }

    /// The size of the open regular file `descriptor`; nil for anything else.
    static func regularFileSize(descriptor: Int32) -> Int? {
        var result = stat()
        return fstat(descriptor, &result) == 0 && isRegularFile(result) ? Int(result.st_size) : nil
    }

    /// Creates `path` and its missing parents with mode 0700 (existing folders are kept).
    package static func makeDirectories(_ path: String) throws(SystemError) {
        if let existing = status(path) {
            guard isDirectory(existing) else { throw SystemError(path: path, reason: reason(ENOTDIR)) }
            return
        }
        let parent = directory(of: path)
        if parent != path, parent != "." { try makeDirectories(parent) }
        if mkdir(path, 0o700) != 0, errno != EEXIST { throw SystemError(path: path, reason: reason()) }
    }

    /// Removes the file at `path`, if it can.
    package static func remove(_ path: String) {
        unlink(path)
    }

    /// Whether `descriptor` is a terminal.
    package static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The width of the terminal on `descriptor`, if it is one.
    package static func terminalWidth(_ descriptor: Int32) -> Int? {
        guard isTerminal(descriptor) else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// A unique suffix for temporary names: the pid and 64 random bits.
    package static func uniqueSuffix() -> String {
        "\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
    }
}
