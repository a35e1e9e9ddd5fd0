/// The one-row timeline of a whole run that the player draws under the title: a figure per
/// stretch of steps as a sparkline, failed allocations and defragments marked, the current step
/// as a cursor. A value the app builds from its summary of the run; the renderer lays its
/// buckets out over however many cells the screen has.
///
/// Positions count steps: position `p` is the state after `p` steps, from 0 (nothing run) to
/// `totalSteps`. Step `k` (0-based) leads from position `k` to `k + 1`.
public struct TimelineModel: Equatable, Sendable {
    /// Which figure the sparkline shows.
    public enum Figure: String, Equatable, Sendable, CaseIterable {
        /// Bytes in use, as a share of the pool.
        case used
        /// Fragmentation, 0…1.
        case fragmentation
    }

    /// A stretch of steps: the highest figures reached after any of its steps, and its marks.
    public struct Bucket: Equatable, Sendable {
        /// The most used bytes after a step, as a share of the pool then (0…1).
        public var used: Float = 0
        /// The highest fragmentation after a step (0…1).
        public var fragmentation: Float = 0
        /// An allocation failed in the stretch.
        public var hasFailure = false
        /// A defragment happened in the stretch.
        public var hasDefragment = false

        /// An empty stretch: no figures, no marks.
        public init() {}
    }

    /// Steps in the whole run.
    public var totalSteps: Int
    /// The current position, 0…`totalSteps`.
    public var position: Int
    /// Steps summarized so far: the timeline fills in from the left while the run is read.
    public var scannedSteps: Int
    /// Which figure the sparkline shows.
    public var figure: Figure
    /// Equal stretches of the run in order: bucket `b` of `B` holds the steps `k` with
    /// `k·B/totalSteps == b` (integer division).
    public var buckets: [Bucket]

    /// Creates the timeline of a run of `totalSteps` at `position`, with the buckets summarized so far.
    public init(totalSteps: Int, position: Int, scannedSteps: Int, figure: Figure, buckets: [Bucket]) {
        self.totalSteps = totalSteps
        self.position = position
        self.scannedSteps = scannedSteps
        self.figure = figure
        self.buckets = buckets
    }

    /// How many cells a timeline of `columns` columns draws: all of them for any run with
    /// steps (a short run's steps span several cells each), none for an empty one.
    public func cellCount(columns: Int) -> Int {
        totalSteps > 0 ? max(0, columns) : 0
    }

    /// The steps (0-based) that cell `index` of `count` covers: `⌊index·T/count⌋` up to
    /// `⌊(index+1)·T/count⌋`, and at least that first step when the run is shorter than the
    /// cells.
    public func steps(ofCell index: Int, of count: Int) -> Range<Int> {
        let lower = MapCells.boundary(index, of: count, over: 0..<totalSteps)
        let upper = MapCells.boundary(index + 1, of: count, over: 0..<totalSteps)
        return lower..<min(totalSteps, max(lower + 1, upper))
    }

    /// The cell of `count` that shows `position`: the last one covering its last step.
    public func cell(showing position: Int, of count: Int) -> Int? {
        guard count > 0, totalSteps > 0 else { return nil }
        let step = min(max(position, 1), totalSteps) - 1
        // The largest i with ⌊i·T/count⌋ ≤ step is ⌊((step+1)·count − 1) / T⌋, in 128 bits.
        let (high, low) = UInt(step + 1).multipliedFullWidth(by: UInt(count))
        let minusOne = low == 0 ? (high - 1, UInt.max) : (high, low - 1)
        return min(count - 1, Int(UInt(totalSteps).dividingFullWidth(minusOne).quotient))
    }

    /// The position a click on cell `index` of `count` seeks to: after the cell's last step.
    public func position(ofCell index: Int, of count: Int) -> Int {
        steps(ofCell: index, of: count).upperBound
    }

    /// The bucket that step `step` (0-based) falls in.
    func bucket(ofStep step: Int) -> Int {
        guard totalSteps > 0, !buckets.isEmpty else { return 0 }
        let (high, low) = UInt(step).multipliedFullWidth(by: UInt(buckets.count))
        return min(buckets.count - 1, Int(UInt(totalSteps).dividingFullWidth((high, low)).quotient))
    }
}
