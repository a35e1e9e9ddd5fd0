import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's standard streams and files: where the commands' output goes.
enum StandardStreams {
    /// Whether standard input and output are both terminals (the full-screen apps need them).
    static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Writes `text` to standard output in one piece.
    static func write(_ text: String) {
        writeAll(text, to: STDOUT_FILENO)
    }

    /// Writes `text` to standard error.
    static func writeError(_ text: String) {
        writeAll(text, to: STDERR_FILENO)
    }

    /// Writes `text` to the file at `path`, replacing it; or says why not on standard error and
    /// exits 1.
    static func writeFile(_ text: String, to path: String) throws {
        guard let file = fopen(path, "wb") else {
            writeError("poolmap: cannot write \(path): \(String(cString: strerror(errno)))\n")
            throw ExitCode(1)
        }
        var text = text
        let count = text.utf8.count
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == count, closed == 0 else {
            writeError("poolmap: cannot write \(path): \(String(cString: strerror(errno)))\n")
            throw ExitCode(1)
        }
    }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue } else { return }
                }
                offset += written
            }
        }
    }

    /// The width of the terminal on standard output, if it is one.
    static func terminalWidth() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

/// The C library's `write`, named apart from `StandardStreams.write(_:)`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
