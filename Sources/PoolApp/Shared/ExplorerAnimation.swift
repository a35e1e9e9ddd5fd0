import MemoryMap
import PoolAllocator

/// The running animations of the explorer, the player and the quiz, advanced by timer ticks: new
/// blocks glow for a moment, freed ones fade, a defragment slides the moved blocks to their new
/// offsets, and an allocation's search plays.
package struct ExplorerAnimation: Sendable {
    /// Ticks an appearing or fading footprint stays highlighted.
    static let highlightTicks = 8

    struct Highlight: Sendable {
        var footprint: Range<Int>
        var ticksLeft: Int
    }

    var appearing: [Highlight] = []
    var fading: [Highlight] = []
    /// The defragment's slide.
    package var slide: SlideAnimation?
    /// An allocation's search made visible (the explain key, the quiz's reveal); it stays shown
    /// once decided, until the pool changes again.
    package var search: SearchAnimation?
    /// Whether a decided search's new block stays lit until the animation finishes (the quiz's
    /// reveal, which waits for the student) instead of glowing for a moment.
    package var keepsNewBlockLit: Bool

    package init(keepsNewBlockLit: Bool = false) {
        self.keepsNewBlockLit = keepsNewBlockLit
    }

    /// Whether anything still moves (the app then wants ticks).
    package var isActive: Bool {
        !appearing.isEmpty || !fading.isEmpty || slide != nil || search?.isDecided == false
    }

    /// The frame's view of the animation for the renderer.
    package var screenAnimation: ScreenAnimation {
        var lit = appearing.map(\.footprint)
        if keepsNewBlockLit, let search, search.isDecided, let footprint = search.appearing { lit.append(footprint) }
        return ScreenAnimation(appearing: lit, fading: fading.map(\.footprint), slide: slide, search: search?.view)
    }

    /// The pool to draw instead of the current one: the pool before an allocation while its
    /// search is shown undecided.
    package var shownPool: MemoryPool? { search?.shownPool }

    /// The heap to draw instead of the current one, in a heap scene: the heap before an
    /// allocation while its search is shown undecided.
    package var shownHeap: FreeListHeap? { search?.shownHeap }

    /// Shows `search` (its new block lights up once it is decided).
    mutating func startSearch(_ search: SearchAnimation) {
        self.search = search
    }

    /// Highlights a block that just appeared.
    mutating func blockAppeared(_ footprint: Range<Int>) {
        appearing.append(Highlight(footprint: footprint, ticksLeft: Self.highlightTicks))
    }

    /// Highlights the bytes of a block just freed.
    package mutating func blockFaded(_ footprint: Range<Int>) {
        fading.append(Highlight(footprint: footprint, ticksLeft: Self.highlightTicks))
    }

    /// Starts sliding blocks from the old offsets in `moves` to the new ones in `pool`
    /// (`pool` is the pool after the defragment). Too many moves show the end state at once.
    package mutating func startSlide(moves: [Int: Int], in pool: MemoryPool) {
        finish()
        let slide = SlideAnimation(moves: moves, in: pool, progress: 0)
        if slide.isAnimated { self.slide = slide }
    }

    /// One tick further; finished animations drop out.
    package mutating func advance() {
        appearing = appearing.compactMap {
            $0.ticksLeft > 1 ? Highlight(footprint: $0.footprint, ticksLeft: $0.ticksLeft - 1) : nil
        }
        fading = fading.compactMap {
            $0.ticksLeft > 1 ? Highlight(footprint: $0.footprint, ticksLeft: $0.ticksLeft - 1) : nil
        }
        if var searching = search {
            if searching.advance(), !keepsNewBlockLit, let footprint = searching.appearing { blockAppeared(footprint) }
            search = searching
        }
        if var running = slide { slide = running.advance() ? running : nil }
    }

    /// Stops everything at its end state (before the pool changes again, so no highlight
    /// points at bytes that mean something else now).
    package mutating func finish() {
        appearing = []
        fading = []
        slide = nil
        search = nil
    }
}
