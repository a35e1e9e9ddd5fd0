import PoolAllocator

/// Everything one frame of the comparison view shows: one band per placement policy, stacked,
/// all fed the same statements; `ScreenRenderer.render(_:width:height:)` draws it.
public struct ComparisonModel: Sendable {
    /// One policy's band: its name and figures on a heading row, then its pool's map.
    public struct Band: Sendable {
        /// `first fit`, `best fit`.
        public var name: String
        public var pool: MemoryPool
        /// Allocations that failed so far.
        public var failedAllocations: Int
        /// What moves on this band's map now.
        public var animation: ScreenAnimation
        /// Drawn alarmed: an allocation just failed here.
        public var isFlashing: Bool
        /// Its place in the ranking, once the run is over (1 is best).
        public var rank: Int?

        public init(
            name: String, pool: MemoryPool, failedAllocations: Int, animation: ScreenAnimation = .none,
            isFlashing: Bool = false, rank: Int? = nil
        ) {
            self.name = name
            self.pool = pool
            self.failedAllocations = failedAllocations
            self.animation = animation
            self.isFlashing = isFlashing
            self.rank = rank
        }
    }

    /// One row of the ranking shown at the end.
    public struct RankRow: Equatable, Sendable {
        public var name: String
        public var failedAllocations: Int
        public var peakFragmentation: Double
        public var largestFree: Int

        public init(name: String, failedAllocations: Int, peakFragmentation: Double, largestFree: Int) {
            self.name = name
            self.failedAllocations = failedAllocations
            self.peakFragmentation = peakFragmentation
            self.largestFree = largestFree
        }
    }

    public var title: String
    public var bands: [Band]
    /// The whole run's timeline, under the title.
    public var timeline: TimelineModel?
    /// The latest events, oldest first; the newest that fit are shown.
    public var log: [LogEntry]
    /// The ranking, best first, when the run is over; drawn in place of the log.
    public var ranking: [RankRow]?
    /// The script's caption (`say`).
    public var caption: String
    /// The status line: speed, step, statement.
    public var statement: String
    /// The `:` prompt, when open.
    public var prompt: PromptLine?
    public var isHelpOpen: Bool
    public var helpKeys: [KeyHint]
    public var footerKeys: [KeyHint]
    public var monochrome: Bool

    public init(
        title: String, bands: [Band], timeline: TimelineModel? = nil, log: [LogEntry] = [],
        ranking: [RankRow]? = nil, caption: String = "", statement: String = "", prompt: PromptLine? = nil,
        isHelpOpen: Bool = false, helpKeys: [KeyHint] = [], footerKeys: [KeyHint] = [], monochrome: Bool = false
    ) {
        self.title = title
        self.bands = bands
        self.timeline = timeline
        self.log = log
        self.ranking = ranking
        self.caption = caption
        self.statement = statement
        self.prompt = prompt
        self.isHelpOpen = isHelpOpen
        self.helpKeys = helpKeys
        self.footerKeys = footerKeys
        self.monochrome = monochrome
    }
}
