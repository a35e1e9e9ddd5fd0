import PoolAllocator

/// Everything one frame of the comparison view shows: one band per placement policy, stacked,
/// all fed the same statements; `ScreenRenderer.render(_:width:height:)` draws it.
public struct ComparisonModel: Sendable {
    /// One policy's band: its name and figures on a heading row, then its pool's map.
    public struct Band: Sendable {
        /// `first fit`, `best fit`.
        public var name: String
        /// The band's pool, drawn as its map.
        public var pool: MemoryPool
        /// In a heap scene, the band's free-list heap, drawn instead of `pool`.
        package var heap: FreeListHeap?
        /// Allocations that failed so far.
        public var failedAllocations: Int
        /// What moves on this band's map now.
        public var animation: ScreenAnimation
        /// Drawn alarmed: an allocation just failed here.
        public var isFlashing: Bool
        /// Its place in the ranking, once the run is over (1 is best).
        public var rank: Int?
        /// A recorded allocator's layout over the band's map (the "as recorded" band), else nil.
        public var recordedLayout: RecordedLayout?
        /// The heading's figures when the pool's own would mislead (a recorded band's, over
        /// reserved memory only), else nil.
        public var figuresText: String?

        /// Creates the band of the policy `name`; no animation, no flash and no rank by default.
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
        /// The policy's name.
        public var name: String
        /// Allocations that failed over the run.
        public var failedAllocations: Int
        /// The highest fragmentation after any step.
        public var peakFragmentation: Double
        /// The largest free block at the end, in bytes.
        public var largestFree: Int
        /// The run's high-water mark, peak live bytes and their ratios.
        public var figures: PoolFigures

        /// Creates the row of one policy's figures.
        public init(
            name: String, failedAllocations: Int, peakFragmentation: Double, largestFree: Int, figures: PoolFigures
        ) {
            self.name = name
            self.failedAllocations = failedAllocations
            self.peakFragmentation = peakFragmentation
            self.largestFree = largestFree
            self.figures = figures
        }
    }

    /// The title bar's text.
    public var title: String
    /// One band per policy, top to bottom.
    public var bands: [Band]
    /// The whole run's timeline, under the title.
    public var timeline: TimelineModel?
    /// The latest events, oldest first; the newest that fit are shown.
    public var log: [LogEntry]
    /// The ranking, best first, when the run is over; drawn in place of the log.
    public var ranking: [RankRow]?
    /// The heading of the ranking's column of names: `policy`, or `list order` when the bands
    /// are a heap's list orders (`compare --orders`).
    public var rankedBy = "policy"
    /// The script's caption (`say`).
    public var caption: String
    /// The status line: speed, step, statement.
    public var statement: String
    /// The `:` prompt, when open.
    public var prompt: PromptLine?
    /// Whether the help overlay is open.
    public var isHelpOpen: Bool
    /// The keys the help overlay lists.
    public var helpKeys: [KeyHint]
    /// The keys the footer lists.
    public var footerKeys: [KeyHint]
    /// Draw for terminals without colour: adjacent blocks alternate `█`/`▓` instead of colours.
    public var monochrome: Bool

    /// Creates a frame of the comparison; everything after `bands` has a default.
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
