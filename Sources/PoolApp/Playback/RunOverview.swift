import MemoryMap
import PoolAllocator
import PoolScript

/// What a whole run does, read once ahead of playback: the timeline's buckets, where the
/// failed allocations and defragments are, the peak of fragmentation, the runtime errors.
/// Memory: the buckets (at most `bucketCount`), one position per failure and defragment, and
/// the first `keptErrors` error lines — never a step per step.
package struct RunOverview: Sendable {
    /// Buckets kept, whatever the run's length (fewer for a shorter run).
    package static let bucketCount = 4096
    /// Runtime error lines kept.
    package static let keptErrors = 1000

    /// Steps in the whole run.
    package let totalSteps: Int
    /// Steps read so far.
    package private(set) var scannedSteps = 0
    /// The timeline's stretches (see `TimelineModel.buckets`).
    package private(set) var buckets: [TimelineModel.Bucket]
    /// Positions just after each failed allocation, in order.
    package private(set) var failures: [Int] = []
    /// Positions just after each defragment, in order.
    package private(set) var defragments: [Int] = []
    /// The highest fragmentation after any step, and the first position that reached it.
    package private(set) var peakFragmentation = 0.0
    package private(set) var peakFragmentationPosition = 0
    /// The runtime errors, `FILE:LINE: error: …`, the first `keptErrors` of them.
    package private(set) var errorLines: [String] = []
    /// All runtime errors.
    package private(set) var errorCount = 0

    init(totalSteps: Int) {
        self.totalSteps = totalSteps
        buckets = Array(repeating: TimelineModel.Bucket(), count: min(totalSteps, Self.bucketCount))
    }

    /// Whether every step has been read.
    package var isComplete: Bool { scannedSteps >= totalSteps }

    /// Accounts for the next step, `step`, with the pool's figures after it.
    /// - Complexity: O(1) amortized.
    mutating func add(_ step: Step, stats: PoolStats, fileName: String) {
        let index = scannedSteps
        scannedSteps += 1
        guard index < totalSteps, !buckets.isEmpty else { return }
        let position = index + 1
        let (high, low) = UInt(index).multipliedFullWidth(by: UInt(buckets.count))
        let b = Int(UInt(totalSteps).dividingFullWidth((high, low)).quotient)
        let used = stats.total > 0 ? Float(Double(stats.used) / Double(stats.total)) : 0
        buckets[b].used = max(buckets[b].used, used)
        buckets[b].fragmentation = max(buckets[b].fragmentation, Float(stats.fragmentation))
        switch step.outcome {
        case .allocationFailed:
            buckets[b].hasFailure = true
            failures.append(position)
        case .mapping:
            buckets[b].hasDefragment = true
            defragments.append(position)
        case .error:
            errorCount += 1
            if errorLines.count < Self.keptErrors, let line = step.errorLine(fileName: fileName) {
                errorLines.append(line)
            }
        default:
            break
        }
        if stats.fragmentation > peakFragmentation {
            peakFragmentation = stats.fragmentation
            peakFragmentationPosition = position
        }
    }

    /// The last of `positions` (sorted) before `position`, if any.
    /// - Complexity: O(log k).
    static func last(of positions: [Int], before position: Int) -> Int? {
        let index = firstIndex(in: positions, atOrAbove: position)
        return index > 0 ? positions[index - 1] : nil
    }

    /// The first of `positions` (sorted) after `position`, if any.
    /// - Complexity: O(log k).
    static func first(of positions: [Int], after position: Int) -> Int? {
        let index = firstIndex(in: positions, atOrAbove: position + 1)
        return index < positions.count ? positions[index] : nil
    }

    private static func firstIndex(in positions: [Int], atOrAbove value: Int) -> Int {
        var low = 0, high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
