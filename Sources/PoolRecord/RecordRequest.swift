/// What `poolmap record` is asked to do.
public struct RecordRequest: Sendable {
    /// COMMAND and its arguments, as typed.
    public var command: [String]
    /// The trace file; nil: `NAME-PID.trace` in the working directory.
    public var output: String?
    /// Records the raw file holds (a sparse file: only what is written takes space).
    public var capacity: UInt64

    /// Creates the request to record `command`, into `output` (or the default name).
    public init(command: [String], output: String? = nil, capacity: UInt64 = Recorder.defaultCapacity) {
        self.command = command
        self.output = output
        self.capacity = capacity
    }
}
