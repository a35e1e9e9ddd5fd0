import PoolAllocator

/// Everything one frame shows; `ScreenRenderer.render(_:width:height:)` turns it into a `Grid`.
/// A plain value: the app builds it from its state each frame.
public struct ScreenModel: Sendable {
    /// The pool drawn (a cheap snapshot).
    public var pool: MemoryPool
    /// The title bar's text, e.g. `poolmap explorer` or a script's file name.
    public var title: String
    /// Block names by offset (scripts name blocks); shown by the inspector.
    public var names: [Int: String]
    /// The offset of the selected block, if any; its cells are drawn `.selected`.
    public var selectedOffset: Int?
    /// Next fit's rover, when the pool places by next fit: its cell is drawn `.rover`.
    public var rover: Int?
    /// Which bytes the map shows.
    public var viewport: MapViewport
    /// Fragmentation (0…1) after each recent operation, oldest first; drawn as a sparkline.
    public var fragmentationHistory: [Double]
    /// The high-water mark and peak live bytes the panel shows, when they are not the pool's own
    /// (a run's, over the pools of its scenes); nil: `pool.figures`.
    public var figures: PoolFigures?
    /// Recent operations and their results, oldest first; the newest that fit are shown.
    public var log: [LogEntry]
    /// Playback: the script's caption (`say` text), shown above the prompt line when set.
    public var caption: String?
    /// Playback: the statement being run, e.g. `line 12: alloc 4KiB as tex`.
    public var statement: String?
    /// Playback: the whole run's timeline, drawn under the title.
    public var timeline: TimelineModel?
    /// The prompt being typed, if any.
    public var prompt: PromptLine?
    /// Whether the help overlay is open.
    public var isHelpOpen: Bool
    /// The keys listed by the help overlay.
    public var helpKeys: [KeyHint]
    /// The footer's key hints; those that do not fit are left out whole.
    public var footerKeys: [KeyHint]
    /// What is animated in this frame.
    public var animation: ScreenAnimation
    /// Draw for terminals without colour: adjacent blocks alternate `█`/`▓` instead of colours.
    public var monochrome: Bool
    /// A free block the user points at (the quiz's answer), drawn `.answer`.
    public var marker: MapMarker?
    /// The panel's lines when the app writes its own (the quiz), instead of stats and inspector.
    public var sidePanel: [PanelText]?
    /// Where the selected block was allocated, when the input says (an mtrace caller, a
    /// snapshot's frames, one a line, innermost first): the inspector's "allocated at" lines.
    public var selectedCallSite: String?
    /// Why the pool has its size (`peak live × 1.25`), for a replay: the title bar then names
    /// the policy and the reason beside the size, so nobody reads the map as a program's heap.
    public var poolSizeReason: String?
    /// A free-list heap to draw instead of `pool` (a `heap` scene, `poolmap ostep --play`): the
    /// map, the title's figures and the panel (its free list in list order) are the heap's;
    /// `pool` then only stands in for its size.
    package var heap: HeapFrame?
    /// A recorded allocator's layout over the pool (a PyTorch snapshot as recorded): pending
    /// blocks, unreserved ranges and segment bounds drawn in their own styles. Nil for every
    /// other pool.
    public var recordedLayout: RecordedLayout?

    /// Creates a frame of `pool`; everything else has a default (an empty log, no prompt, the map fit to the screen, …).
    public init(
        pool: MemoryPool,
        title: String = "poolmap",
        names: [Int: String] = [:],
        selectedOffset: Int? = nil,
        rover: Int? = nil,
        viewport: MapViewport = .fit,
        fragmentationHistory: [Double] = [],
        figures: PoolFigures? = nil,
        log: [LogEntry] = [],
        caption: String? = nil,
        statement: String? = nil,
        timeline: TimelineModel? = nil,
        prompt: PromptLine? = nil,
        isHelpOpen: Bool = false,
        helpKeys: [KeyHint] = [],
        footerKeys: [KeyHint] = [],
        animation: ScreenAnimation = .none,
        monochrome: Bool = false,
        marker: MapMarker? = nil,
        sidePanel: [PanelText]? = nil,
        poolSizeReason: String? = nil
    ) {
        self.pool = pool
        self.title = title
        self.names = names
        self.selectedOffset = selectedOffset
        self.rover = rover
        self.viewport = viewport
        self.fragmentationHistory = fragmentationHistory
        self.figures = figures
        self.log = log
        self.caption = caption
        self.statement = statement
        self.timeline = timeline
        self.prompt = prompt
        self.isHelpOpen = isHelpOpen
        self.helpKeys = helpKeys
        self.footerKeys = footerKeys
        self.animation = animation
        self.monochrome = monochrome
        self.marker = marker
        self.poolSizeReason = poolSizeReason
        self.sidePanel = sidePanel
    }
}

extension ScreenModel {
    /// Whether a live block of what the map draws starts at `offset`: the pool's, or in a heap
    /// scene the heap's (there a block is named by its address, as malloc.py names it).
    /// - Complexity: O(log n) for a pool of n blocks; O(1) expected for a heap.
    public func hasLiveBlock(at offset: Int) -> Bool {
        if let heap { return heap.heap.allocatedSizes[offset] != nil }
        return pool.block(at: offset) != nil
    }
}
