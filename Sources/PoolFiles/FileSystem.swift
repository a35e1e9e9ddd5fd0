import SystemPackage

/// poolmap's file operations, in one place for every module that touches files (scripts and
/// traces read, reports and recordings written, the tracer's cache, the command line's
/// guesses). Opening, reading, writing, closing and splitting paths are swift-system's
/// (`FileDescriptor`, `FilePath`, `Errno`); what it lacks is in `FileSystem+Status.swift`.
package enum FileSystem {
    // MARK: Reading

    /// Bytes read at a time by `readPieces`.
    package static let pieceBytes = 1 << 20

    /// Calls `body` with the file's bytes in pieces of up to `pieceBytes` (a smaller regular file
    /// in one piece), until the end or until `body` returns false.
    /// - Throws: the system's reason the file cannot be opened or read.
    /// - Complexity: O(bytes read), in memory O(min(file size, `pieceBytes`)).
    package static func readPieces(
        ofPath path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(Errno) {
        let descriptor = try open(path, .readOnly)
        defer { try? descriptor.close() }
        // A small regular file needs no megabyte: one byte more than its size reads it whole
        // and sees its end (a file that grows meanwhile is read on, in pieces of that size).
        let capacity =
            regularFileSize(descriptor: descriptor.rawValue).map { min(pieceBytes, max($0 + 1, 4096)) } ?? pieceBytes
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        while true {
            let count: Int
            do {
                count = try descriptor.read(into: UnsafeMutableRawBufferPointer(buffer))
            } catch {
                throw error as? Errno ?? .ioError
            }
            if count == 0 { return }
            guard body(UnsafeBufferPointer(rebasing: buffer[..<count])) else { return }
        }
    }

    /// Reads up to `limit` bytes from the start of `path`.
    package static func readPrefix(_ path: String, limit: Int) throws(SystemError) -> [UInt8] {
        do {
            let descriptor = try open(path, .readOnly)
            defer { try? descriptor.close() }
            return try readPrefix(descriptor: descriptor.rawValue, path: path, offset: 0, limit: limit)
        } catch let error as SystemError {
            throw error
        } catch {
            throw SystemError(path: path, reason: (error as? Errno ?? .ioError).description)
        }
    }

    /// Reads up to `limit` bytes of an open file from `offset` (fewer at its end).
    package static func readPrefix(
        descriptor: Int32, path: String, offset: Int, limit: Int
    ) throws(SystemError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(0, limit))
        var filled = 0
        let file = FileDescriptor(rawValue: descriptor)
        while filled < bytes.count {
            do {
                let count = try bytes.withUnsafeMutableBytes { buffer in
                    try file.read(
                        fromAbsoluteOffset: Int64(offset + filled),
                        into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                }
                if count == 0 { break }
                filled += count
            } catch {
                throw SystemError(path: path, reason: (error as? Errno ?? .ioError).description)
            }
        }
        return Array(bytes[0..<filled])
    }

    /// Reads the whole file at `path` (for the compiler's messages: small files), or "".
    package static func readText(_ path: String, limit: Int = 1 << 20) -> String {
        guard let bytes = try? readPrefix(path, limit: limit) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Writing

    /// Writes all of `bytes` to `descriptor` (on through short writes and interruptions).
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        (try? FileDescriptor(rawValue: descriptor).writeAll(bytes)) != nil
    }

    /// Writes all of `text` to `descriptor`.
    @discardableResult
    package static func writeAll(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Writes `text` to the file at `path`, replacing what it held (created with mode 0666, less
    /// the umask, when missing).
    package static func replaceFile(_ path: String, text: String) throws(SystemError) {
        do {
            let descriptor = try open(
                path, .writeOnly, options: [.create, .truncate], permissions: .init(rawValue: 0o666))
            var text = text
            try descriptor.closeAfter {
                _ = try text.withUTF8 { try descriptor.writeAll(UnsafeRawBufferPointer($0)) }
            }
        } catch {
            throw SystemError(path: path, reason: (error as? Errno ?? .ioError).description)
        }
    }

    /// Writes `text` to a new file at `path` (mode 0600), replacing nothing: the file must not
    /// exist. A file written in part is removed.
    package static func createFile(_ path: String, text: String) throws(SystemError) {
        let descriptor: FileDescriptor
        do {
            descriptor = try open(
                path, .writeOnly, options: [.create, .exclusiveCreate], permissions: .init(rawValue: 0o600))
        } catch {
            throw SystemError(path: path, reason: error.description)
        }
        var failure: Errno?
        var text = text
        do {
            _ = try text.withUTF8 { try descriptor.writeAll(UnsafeRawBufferPointer($0)) }
        } catch {
            failure = error as? Errno ?? .ioError
        }
        do {
            try descriptor.close()
        } catch {
            failure = failure ?? (error as? Errno ?? .ioError)
        }
        if let failure {
            remove(path)
            throw SystemError(path: path, reason: failure.description)
        }
    }

    /// Opens `path`, never handing the descriptor to a program poolmap starts.
    static func open(
        _ path: String, _ mode: FileDescriptor.AccessMode, options: FileDescriptor.OpenOptions = [],
        permissions: FilePermissions? = nil
    ) throws(Errno) -> FileDescriptor {
        do {
            return try FileDescriptor.open(
                FilePath(path), mode, options: options.union(.closeOnExec), permissions: permissions)
        } catch {
            throw error as? Errno ?? .ioError
        }
    }

    // MARK: Paths

    /// The folder part of `path`: "." for a bare name, "/" for a file at the root.
    package static func directory(of path: String) -> String {
        let folder = FilePath(path).removingLastComponent()
        return folder.isEmpty ? "." : folder.string
    }

    /// The last component of `path` (a trailing slash ignored), or "" for the root.
    package static func baseName(of path: String) -> String {
        FilePath(path).lastComponent?.string ?? ""
    }

    /// `demos/x.pool` → (`demos/`, `x.pool`); `x.pool` → (``, `x.pool`); `/x` → (`/`, `x`); a
    /// path that ends in a slash is all folder: `a/b/` → (`a/b/`, ``). The folder keeps its
    /// slash, so that a name can be appended to it.
    package static func split(_ path: String) -> (folder: String, name: String) {
        guard !path.hasSuffix("/"), let name = FilePath(path).lastComponent else { return (path, "") }
        let folder = FilePath(path).removingLastComponent().string
        return (folder.isEmpty || folder.hasSuffix("/") ? folder : folder + "/", name.string)
    }
}

/// A failed system call on a path: what and why.
public struct SystemError: Error, Equatable, CustomStringConvertible {
    /// The path the call was about.
    public var path: String
    /// Why it failed: the system's text for `errno`.
    public var reason: String

    /// Creates the error for `path` and its reason.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`, as the command line prints it.
    public var description: String { "\(path): \(reason)" }
}
