import ArgumentParser
import MemoryMap
import PoolScript

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `run`, `play` and `demo` share: loading a file with the exit statuses of the scripts
/// issue (1 unreadable, 2 syntax errors), the pool size, and writing to the standard streams.
enum ScriptLoading {
    /// Reads and parses `path`, or prints why not and exits 1 (unreadable) or 2 (syntax errors).
    static func load(path: String, forceTrace: Bool) throws -> Script {
        do {
            return try ScriptFile.load(path: path, forceTrace: forceTrace)
        } catch .unreadable(let path, let reason) {
            writeError("poolmap: cannot read \(path): \(reason)\n")
            throw ExitCode(1)
        } catch .syntax(let errors) {
            writeError(errors.description + "\n")
            throw ExitCode(2)
        }
    }

    /// Parses embedded text (a built-in demo); syntax errors exit 2 like a file's.
    static func parse(_ text: String, fileName: String, kind: Script.Kind) throws -> Script {
        do {
            return try ScriptFile.parse(Array(text.utf8), fileName: fileName, kind: kind)
        } catch {
            writeError(error.description + "\n")
            throw ExitCode(2)
        }
    }

    /// The pool before any `pool` statement: `--size`, else the script's default.
    static func poolSize(for script: Script, size: Int?) -> Int {
        size ?? ScriptRunner.defaultPoolSize(for: script)
    }

    /// `--size`: the size grammar, at least 1 byte; a mistake is a usage error.
    static func parseSize(_ text: String) throws -> Int {
        do {
            return try ByteSize.parsePositive(text)
        } catch {
            throw ValidationError("--size: \(error)")
        }
    }

    /// Writes `text` to standard output in one piece.
    static func write(_ text: String) {
        writeAll(text, to: STDOUT_FILENO)
    }

    /// Writes `text` to standard error.
    static func writeError(_ text: String) {
        writeAll(text, to: STDERR_FILENO)
    }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue } else { return } }
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

/// The C library's `write`, named apart from `ScriptLoading.write(_:)`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
