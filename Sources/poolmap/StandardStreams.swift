import ArgumentParser
import PoolFiles

/// The process's standard streams and files: where the commands' output goes.
enum StandardStreams {
    static let inputDescriptor: Int32 = 0
    static let outputDescriptor: Int32 = 1
    static let errorDescriptor: Int32 = 2

    /// Whether standard input and output are both terminals (the full-screen apps need them).
    static var isInteractive: Bool {
        FileSystem.isTerminal(inputDescriptor) && FileSystem.isTerminal(outputDescriptor)
    }

    /// Writes `text` to standard output in one piece.
    static func write(_ text: String) {
        FileSystem.writeAll(text, to: outputDescriptor)
    }

    /// Writes `text` to standard error.
    static func writeError(_ text: String) {
        FileSystem.writeAll(text, to: errorDescriptor)
    }

    /// Writes `text` to the file at `path`, replacing it; or says why not on standard error and
    /// exits 1.
    static func writeFile(_ text: String, to path: String) throws {
        do {
            try FileSystem.replaceFile(path, text: text)
        } catch {
            writeError("poolmap: cannot write \(path): \(error.reason)\n")
            throw ExitCode(1)
        }
    }

    /// The width of the terminal on standard output, if it is one.
    static func terminalWidth() -> Int? {
        FileSystem.terminalWidth(outputDescriptor)
    }
}
