/// A finished recording: where the trace is and what it holds.
public struct Recording: Sendable {
    /// The trace file written.
    public var tracePath: String
    /// What the trace holds: its operations, peaks, and what was left out.
    package var summary: TraceConverter.Summary
    /// COMMAND's exit status, 128 + the signal when a signal ended it.
    public var exitCode: Int32
    /// The signal that ended COMMAND, if one did.
    public var signal: Int32?
    /// The raw file's header: images, whether it filled up, the bootstrap buffer's use.
    package var raw: RawTrace.Header
    /// The trace file's size in bytes.
    public var traceBytes = 0

    /// The operation lines the trace holds (`a`, `m`, `f` and `r`).
    public var events: Int { summary.events }

    /// The one line `poolmap record` prints on standard error.
    public var summaryLine: String {
        "poolmap: recorded \(summary.events) events (peak live: \(summary.peakLiveBlocks) blocks, "
            + "\(summary.peakLiveBytes) bytes) in \(tracePath); play it: \(playCommand)"
    }

    /// The command that plays the trace (`--trace` when its name does not say it is one).
    public var playCommand: String {
        let lower = tracePath.lowercased()
        let named = lower.hasSuffix(".trace") || lower.hasSuffix(".rep")
        let path = tracePath.hasPrefix("-") ? "./" + tracePath : tracePath
        return "poolmap play \(named ? "" : "--trace ")\(ShellQuoting.quote(path))"
    }

    /// Warnings worth a line of their own (none in the usual case).
    public var warnings: [String] {
        raw.full
            ? ["the record file filled up after \(raw.capacity) records: the trace stops there"] : []
    }
}
