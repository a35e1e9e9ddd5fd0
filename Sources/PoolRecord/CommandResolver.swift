import PoolFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the file a command name runs, as `execvp` would: a name with a `/` is a path, any
/// other name is looked up in each folder of `PATH` in turn.
public enum CommandResolver {
    /// Why a command cannot be run.
    public enum Failure: Error, Equatable {
        /// Nothing by that name: not on `PATH`, or no such path.
        case notFound
        /// Something is there but cannot be executed: the system's reason.
        case notExecutable(path: String, reason: String)
    }

    /// `PATH` when the environment has none (glibc's default for `execvp`).
    public static let defaultSearchPath = "/bin:/usr/bin"

    /// The path to execute for `command`, searching `searchPath` (the `PATH` value; nil: the
    /// default) when the name has no `/`.
    public static func resolve(_ command: String, searchPath: String?) -> Result<String, Failure> {
        guard !command.isEmpty else { return .failure(.notFound) }
        if command.contains("/") { return check(command) }
        var firstRefusal: Failure?
        for folder in (searchPath ?? defaultSearchPath).split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = folder.isEmpty ? command : "\(folder)/\(command)"
            switch check(candidate) {
            case .success(let path): return .success(path)
            case .failure(.notFound): continue
            case .failure(let refusal): firstRefusal = firstRefusal ?? refusal
            }
        }
        return .failure(firstRefusal ?? .notFound)
    }

    /// Whether `path` is a file this user may execute.
    static func check(_ path: String) -> Result<String, Failure> {
        guard let status = FileSystem.status(path) else {
            return errno == ENOENT || errno == ENOTDIR
                ? .failure(.notFound) : .failure(.notExecutable(path: path, reason: FileSystem.reason()))
        }
        if FileSystem.isDirectory(status) {
            return .failure(.notExecutable(path: path, reason: "it is a directory"))
        }
        guard FileSystem.isRegularFile(status) else {
            return .failure(.notExecutable(path: path, reason: "it is not a regular file"))
        }
        // access(X_OK) is true for root when any execute bit is set, as execve sees it.
        guard access(path, X_OK) == 0 else {
            return .failure(.notExecutable(path: path, reason: FileSystem.reason()))
        }
        return .success(path)
    }
}
