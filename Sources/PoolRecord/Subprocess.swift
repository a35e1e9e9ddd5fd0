import PoolFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// Starting a program with `posix_spawn` and waiting for it, with C strings owned here.
enum Subprocess {
    /// How a process ended, from a `waitpid` status.
    static func exitCode(fromWaitStatus status: Int32) -> (code: Int32, signal: Int32?) {
        let signal = status & 0x7F
        if signal == 0 { return ((status >> 8) & 0xFF, nil) }
        return (128 + signal, signal)
    }

    /// Waits for `pid` to end (through interruptions); returns its `waitpid` status.
    static func wait(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return nil }
        }
        return status
    }

    /// Runs `path` with `arguments` (argument 0 included) and this process's environment,
    /// standard input from /dev/null, standard output and error into the file `outputPath`;
    /// returns its exit code, or throws the reason it could not start.
    static func run(_ path: String, arguments: [String], outputPath: String) throws(SystemError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        let pid = try spawn(path, arguments: arguments, environment: nil, actions: &actions, attributes: nil)
        guard let status = wait(pid) else { throw SystemError(path: path, reason: FileSystem.reason()) }
        return exitCode(fromWaitStatus: status).code
    }

    /// Starts `path`; `environment` nil passes this process's own, byte for byte.
    static func spawn(
        _ path: String, arguments: [String], environment: [UnsafeMutablePointer<CChar>?]?,
        actions: UnsafeMutablePointer<posix_spawn_file_actions_t>?,
        attributes: UnsafeMutablePointer<posix_spawnattr_t>?
    ) throws(SystemError) -> pid_t {
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        var result: Int32 = 0
        // A program written a moment ago may still be open for writing in a child that another
        // thread forked meanwhile, until that child execs: the kernel says ETXTBSY. That is
        // brief, so try again a few times, as Go's os/exec does.
        for attempt in 0..<busyRetries {
            if var environment {
                if environment.last != nil { environment.append(nil) }
                result = posix_spawn(&pid, path, actions, attributes, &argv, &environment)
            } else {
                result = posix_spawn(&pid, path, actions, attributes, &argv, environ)
            }
            guard result == ETXTBSY, attempt + 1 < busyRetries else { break }
            usleep(useconds_t(10_000 * (attempt + 1)))
        }
        guard result == 0 else { throw SystemError(path: path, reason: FileSystem.reason(result)) }
        return pid
    }

    /// Attempts at starting a program that is busy being written (ETXTBSY), about half a
    /// second in all.
    static let busyRetries = 10
}
#else
/// `poolmap record` is Linux-only: elsewhere nothing is started (see `RecordError.unsupportedPlatform`).
enum Subprocess {
    static func run(_ path: String, arguments: [String], outputPath: String) throws(SystemError) -> Int32 {
        throw SystemError(path: path, reason: "poolmap record runs programs on Linux only")
    }
}
#endif
