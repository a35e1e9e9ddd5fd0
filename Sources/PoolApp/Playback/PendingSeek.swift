import PoolText

/// A seek that waits for the run to be read far enough: End, `:`, a click on the unread part of
/// the timeline, `]`, `}` or `m` before the run is read that far. Ticks go on reading a slice at a
/// time, drawing and handling keys in between, until the target is known (``Playback``).
enum PendingSeek: Equatable, Sendable {
    /// To a position beyond what has been read.
    case position(Int)
    /// To the next failed allocation after the position, once one is read (or the run is).
    case nextFailure
    /// To the next defragment after the position, once one is read (or the run is).
    case nextDefragment
    /// To the highest fragmentation of the run, once the whole run is read.
    case peakFragmentation

    /// What can be done about it now.
    enum Resolution: Equatable {
        /// Go there.
        case go(Int)
        /// The run is read and holds no such place: stop where playback stands.
        case none
        /// Read on.
        case wait
    }

    /// What the status line says while it waits, given the steps read in every timeline.
    func progressText(read: Int, totalSteps: Int) -> String {
        switch self {
        case .position(let target):
            " · going to step \(NumberText.grouped(target)): \(NumberText.wholePercent(read, of: target)) read"
                + " · Esc cancels"
        case .nextFailure:
            " · looking for the next failure: \(NumberText.wholePercent(read, of: totalSteps)) read · Esc cancels"
        case .nextDefragment:
            " · looking for the next defragment: \(NumberText.wholePercent(read, of: totalSteps)) read · Esc cancels"
        case .peakFragmentation:
            " · looking for the peak: \(NumberText.wholePercent(read, of: totalSteps)) read · Esc cancels"
        }
    }

    /// What the status line says when the run holds no such place, so the key is not silent.
    var nothingThatWay: String? {
        switch self {
        case .nextFailure: "no failed allocation after this step"
        case .nextDefragment: "no defragment after this step"
        case .position, .peakFragmentation: nil
        }
    }
}
