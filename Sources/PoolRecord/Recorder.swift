/// `poolmap record -- COMMAND`: checks, builds the tracer, runs COMMAND with it preloaded,
/// and writes the trace.
public enum Recorder {
    /// The raw file's capacity: 2²⁷ records (4 GiB of sparse file, far more than `poolmap run`
    /// reads back).
    public static let defaultCapacity: UInt64 = 1 << 27

    /// Records `request` from start to end.
    public static func record(
        _ request: RecordRequest, builder: TracerBuilder = .fromEnvironment()
    )
        throws(RecordError) -> Recording
    {
        let session = try RecordSession(request, builder: builder)
        try session.run()
        return try session.writeTrace()
    }
}
