import PoolFiles

/// Why `poolmap record` made no trace. Each message says what happened and, where it helps,
/// what to do; the errors before COMMAND runs change nothing at all.
public enum RecordError: Error, CustomStringConvertible {
    /// `poolmap record` without a command.
    case noCommand
    /// Not Linux: no `LD_PRELOAD` to put the tracer in.
    case unsupportedPlatform
    /// COMMAND is not on `PATH` (or the path does not exist).
    case commandNotFound(String)
    /// COMMAND exists but cannot be executed.
    case notExecutable(path: String, reason: String)
    /// COMMAND cannot be traced: statically linked, another machine, not a program.
    case cannotTrace(ExecutableInspector.Refusal)
    /// The trace file could not be written (checked before COMMAND runs).
    case outputNotWritable(path: String, reason: String)
    /// The tracer could not be built or kept.
    case tracer(TracerBuilder.Failure)
    /// The temporary raw file could not be made.
    case temporaryFile(SystemError)
    /// COMMAND could not be started.
    case spawnFailed(path: String, reason: String)
    /// COMMAND ran, but no image of it loaded the tracer.
    case nothingRecorded(command: String, exitCode: Int32)
    /// COMMAND ran, but its trace could not be read or written.
    case traceNotWritten(path: String, reason: String, exitCode: Int32)

    /// poolmap's exit status: 64 for a usage mistake, 127 for a command not found, 126 for one
    /// that cannot be executed, COMMAND's own status when it ran and failed, else 1.
    public var exitCode: Int32 {
        switch self {
        case .noCommand: return 64
        case .commandNotFound: return 127
        case .notExecutable: return 126
        case .nothingRecorded(_, let code), .traceNotWritten(_, _, let code): return code != 0 ? code : 1
        default: return 1
        }
    }

    /// The error in words: what happened and, where it helps, what to do.
    public var description: String {
        switch self {
        case .noCommand:
            return "no COMMAND to record: poolmap record [-o FILE] [--play] -- COMMAND [ARGS…]"
        case .unsupportedPlatform:
            return "poolmap record is Linux-only for now: it preloads its tracer with LD_PRELOAD, "
                + "which this system does not have. Record on Linux; the trace plays anywhere."
        case .commandNotFound(let command):
            return command.contains("/")
                ? "\(command): no such file: nothing was run"
                : "\(command): command not found on PATH: nothing was run"
        case .notExecutable(let path, let reason):
            return "\(path) cannot be executed (\(reason)): nothing was run"
        case .cannotTrace(let refusal):
            switch refusal {
            case .staticallyLinked(let path):
                return "\(path) is statically linked: its allocator is built in where LD_PRELOAD cannot "
                    + "reach it, so nothing could be recorded. Record a dynamically linked build. Nothing was run."
            case .foreignMachine(let path, let what):
                return "\(path) is a \(what) program and this poolmap's tracer is not: "
                    + "nothing could be recorded. Nothing was run."
            case .notAProgram(let path, let why):
                return "\(path) is \(why): nothing was run"
            case .badInterpreter(let script, let interpreter, let reason):
                return "\(script): its #! interpreter \(interpreter) cannot be run (\(reason)): nothing was run"
            case .unreadable(let path, let reason):
                return "cannot read \(path) (\(reason)): nothing was run"
            }
        case .outputNotWritable(let path, let reason):
            return "cannot write the trace to \(path) (\(reason)): nothing was run"
        case .tracer(let failure):
            return "\(failure) Nothing was run."
        case .temporaryFile(let error):
            return "cannot make the temporary record file \(error): nothing was run"
        case .spawnFailed(let path, let reason):
            return "cannot start \(path): \(reason)"
        case .nothingRecorded(let command, _):
            return "\(command) ran, but nothing could be recorded: it never loaded the tracer "
                + "(a set-user-ID program ignores LD_PRELOAD, and a static one cannot use it). No trace was written."
        case .traceNotWritten(let path, let reason, _):
            return "the program ran, but its trace could not be written to \(path): \(reason)"
        }
    }
}
