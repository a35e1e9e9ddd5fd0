import Foundation

/// A file in the temporary folder that a target rewrites for each input (a trace read back the
/// way `poolmap run` reads it), removed when the process exits normally.
public final class TemporaryFile: Sendable {
    public let path: String

    public init(name: String) {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
        if temporaryPaths.isEmpty { atexit { for path in temporaryPaths { unlink(path) } } }
        temporaryPaths.append(path)
    }

    /// Replaces the file's contents with `bytes`.
    public func write(_ bytes: [UInt8]) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            fuzzFailure("cannot write \(path): \(error)")
        }
    }
}

/// The files to remove at exit (the fuzzers run one input at a time, on one thread).
nonisolated(unsafe) private var temporaryPaths: [String] = []
