/// Why a run stopped before its end: the line for standard error and the exit status.
public struct MallocFailure: Error, Sendable, Equatable {
    /// What was wrong, without the program's name or a newline.
    public var message: String
    /// 64 for a flag (as for a usage error), 1 for an operation.
    public var exitStatus: Int32

    /// A flag malloc.py (or optparse) refuses, or one poolmap refuses: exit status 64.
    public static func flag(_ message: String) -> MallocFailure {
        MallocFailure(message: message, exitStatus: 64)
    }

    /// An operation malloc.py fails on: exit status 1.
    public static func operation(_ message: String) -> MallocFailure {
        MallocFailure(message: message, exitStatus: 1)
    }
}

extension MallocFailure {
    /// What poolmap refuses although malloc.py would run on (a negative size, a number beyond
    /// `|v| < 2^63`): exit status 64, as for a flag.
    public static func refusal(_ message: String) -> MallocFailure {
        MallocFailure(message: message, exitStatus: 64)
    }
}
