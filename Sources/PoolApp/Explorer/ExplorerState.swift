import MemoryMap
import PoolAllocator
import PoolScript
import PoolText

/// The interactive explorer: ``ExplorerState`` drawn by the `MemoryMap` renderer.
public typealias ExplorerApp = App<ExplorerState>

/// The interactive explorer's whole state: the pool and everything around it (selection,
/// zoom, prompt, help, event log, undo history, animation).
///
/// It changes only through ``reduce(_:)`` (one input event in, the new state out) and is drawn
/// only through ``screenModel``: the screen never decides what the pool does. Every action that
/// changes the pool first saves an undo point, logs its result, and records fragmentation.
public struct ExplorerState: AppState {
    /// The pool being explored.
    public internal(set) var pool: MemoryPool
    /// The map's zoom and scroll, and the selection.
    var navigation = MapNavigation()
    /// The prompt being typed, if any.
    var prompt: ExplorerPrompt?
    /// Whether the help overlay is open.
    public internal(set) var isHelpOpen = false
    /// Every action's result, oldest first (the newest 500).
    var events = BoundedLog<LogEntry>(capacity: 500)
    /// What an explained allocation will log once its search lands (its summary and where it
    /// went, or that it failed): logged earlier, the outcome would show before the animation.
    var eventsAfterSearch: [LogEntry] = []
    /// Fragmentation after each pool-changing action, oldest first (the newest 256, for the
    /// sparkline).
    var fragmentationSamples = BoundedLog<Double>(capacity: 256)
    /// What the map animates now.
    var animation = ExplorerAnimation()
    /// The terminal's size, for zooming, scrolling and hit-testing as the screen shows them.
    public internal(set) var screenSize: TerminalSize
    /// Draw for terminals without colour (alternating glyphs instead of colours).
    public var monochrome: Bool
    /// States to go back to, newest last.
    var undoStack: [UndoPoint] = []
    /// Where random operations come from (`r`, `R`).
    var workload: RandomWorkload
    /// Whether each allocation's search is shown (`e`).
    public internal(set) var explainsSearch = false

    /// Most undo levels kept; older ones are dropped.
    static let maximumUndoLevels = 1000
    /// Random operations in one `R` burst.
    static let burstLength = 100

    /// An explorer on an empty pool of `poolSize` bytes.
    /// - Parameters:
    ///   - screenSize: the terminal's size now (later sizes arrive as resize events).
    ///   - seed: the seed of the random operations, so a session can be replayed.
    ///   - policy: the placement policy to start with (`p` cycles it).
    /// - Throws: `PoolError.invalidPoolSize` when `poolSize < 1`.
    public init(
        poolSize: Int, screenSize: TerminalSize, seed: UInt64 = RandomWorkload.defaultSeed,
        monochrome: Bool = false, policy: FitPolicy = .first
    ) throws(PoolError) {
        pool = try MemoryPool(totalSize: poolSize, policy: policy)
        self.screenSize = screenSize
        self.monochrome = monochrome
        workload = RandomWorkload(seed: seed)
        fragmentationSamples.append(pool.stats.fragmentation)
        events.append(LogEntry("empty pool of \(ByteSize.formatExact(poolSize)); press a to allocate, ? for help"))
    }

    /// Every action's result, oldest first (the newest 500).
    public var log: [LogEntry] { events.entries }

    /// Fragmentation after each pool-changing action, oldest first (the newest 256).
    public var fragmentationHistory: [Double] { fragmentationSamples.entries }

    /// How many actions can be undone (at most 1000).
    public var undoDepth: Int { undoStack.count }

    /// The selected block, if any.
    var selectedBlock: Block? { navigation.selectedBlock(in: pool) }

    /// The offset of the selected block, if any; always a live block's offset.
    public internal(set) var selectedOffset: Int? {
        get { navigation.selectedOffset }
        set { navigation.selectedOffset = newValue }
    }

    /// Which bytes the map shows.
    public internal(set) var viewport: MapViewport {
        get { navigation.viewport }
        set { navigation.viewport = newValue }
    }

    /// Where things are on the screen now.
    public var layout: ScreenLayout {
        ScreenLayout(width: screenSize.width, height: screenSize.height, totalSize: pool.totalSize)
    }

    /// Which bytes each map cell covers now.
    public var mapGeometry: MapGeometry {
        navigation.geometry(pool, layout)
    }

    /// Ticks only while something moves; an idle explorer waits for input.
    public var wantsTicks: Bool { animation.isActive }

    /// The frame for a terminal of `width` × `height`: `screenModel`, rendered.
    public func view(width: Int, height: Int) -> Grid {
        ScreenRenderer.render(screenModel, width: width, height: height)
    }

    /// The frame to draw for this state.
    var screenModel: ScreenModel {
        // While an allocation's search plays, the map shows the pool before it: the new block
        // is neither selected nor the rover moved until the search lands.
        let shown = animation.shownPool ?? pool
        return ScreenModel(
            pool: shown,
            title: "poolmap explorer · \(ByteSize.formatExact(pool.totalSize)) pool · \(pool.policy.rawValue) fit",
            selectedOffset: selectedOffset.flatMap { shown.block(at: $0) == nil ? nil : $0 },
            rover: shown.policy == .next ? shown.rover : nil,
            viewport: viewport,
            fragmentationHistory: fragmentationHistory,
            log: log,
            prompt: prompt?.line,
            isHelpOpen: isHelpOpen,
            helpKeys: KeyHint.explorerHelp,
            footerKeys: KeyHint.explorerFooter,
            animation: animation.screenAnimation,
            monochrome: monochrome
        )
    }
}

/// A pool and selection to return to with `u`, and what is undone.
struct UndoPoint: Sendable {
    var pool: MemoryPool
    var selectedOffset: Int?
    /// The action that followed, as the log says it (`alloc 256 B`).
    var action: String
}
