import PoolAllocator
import PoolText

/// What a run did, step by step, in constant memory: the figures the text report gives after
/// the final state (failures, errors, defragments, the peaks and where they were reached).
public struct RunSummary: Equatable, Sendable {
    /// Where in the run a figure was reached: the step (1-based) and its source line.
    public struct Place: Equatable, Sendable {
        var step = 0
        var line = 0
    }

    /// The summary of a run of no steps yet; `add` each step in order.
    public init() {}

    /// Steps added so far.
    public private(set) var steps = 0
    /// Allocations that failed.
    public private(set) var failedAllocations = 0
    /// Where the first allocation failed; nil when none did.
    public private(set) var firstFailure: Place?
    /// Steps that were runtime errors (nothing changed; the run went on).
    public private(set) var runtimeErrors = 0
    /// Defragments run.
    public private(set) var defragments = 0
    /// The most bytes in use (padding included) after any step, and where first.
    public private(set) var peakUsed = 0
    /// Where `peakUsed` was first reached.
    public private(set) var peakUsedAt = Place()
    /// The highest fragmentation after any step, and where first.
    public private(set) var peakFragmentation = 0.0
    /// Where `peakFragmentation` was first reached.
    public private(set) var peakFragmentationAt = Place()

    /// Accounts for `step`, with the pool's figures after it.
    /// - Complexity: O(1).
    public mutating func add(_ step: Step, after stats: PoolStats) {
        steps += 1
        let here = Place(step: steps, line: step.line)
        switch step.outcome {
        case .allocationFailed:
            failedAllocations += 1
            if firstFailure == nil { firstFailure = here }
        case .error: runtimeErrors += 1
        case .mapping: defragments += 1
        default: break
        }
        if stats.used > peakUsed {
            peakUsed = stats.used
            peakUsedAt = here
        }
        if stats.fragmentation > peakFragmentation {
            peakFragmentation = stats.fragmentation
            peakFragmentationAt = here
        }
    }

    /// The summary's lines, indented like event lines.
    public var lines: [String] {
        func at(_ place: Place) -> String {
            "after step \(NumberText.grouped(place.step)) (line \(NumberText.grouped(place.line)))"
        }
        var failures = "  failed allocations: \(NumberText.grouped(failedAllocations))"
        if let firstFailure { failures += ", the first \(at(firstFailure))" }
        return [
            failures,
            "  runtime errors: \(NumberText.grouped(runtimeErrors))",
            "  defragments: \(NumberText.grouped(defragments))",
            "  peak used: \(ByteSize.formatExact(peakUsed))" + (peakUsed > 0 ? " " + at(peakUsedAt) : ""),
            "  peak fragmentation: \(NumberText.fractionAndPercent(peakFragmentation)) "
                + (peakFragmentation > 0 ? at(peakFragmentationAt) : "(never fragmented)"),
        ]
    }
}
