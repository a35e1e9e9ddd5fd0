import MemoryMap
import PoolAllocator
import PoolApp

/// What moves on the quiz's map, advanced by ticks: a freed block fades, a defragment slides,
/// and a reveal plays the allocation's search (`SearchAnimation`, as the explorer's `e` does),
/// after which the new block stays lit until the next question.
struct QuizAnimation: Sendable {
    /// Ticks a freed block stays highlighted.
    static let highlightTicks = 8

    var fading: [(footprint: Range<Int>, ticksLeft: Int)] = []
    var slide: SlideAnimation?
    /// The reveal's search.
    var search: SearchAnimation?

    /// Whether anything still moves (the quiz then wants ticks).
    var isActive: Bool { !fading.isEmpty || slide != nil || search?.isDecided == false }

    /// The frame's view for the renderer: the reveal's block lit once its search is decided.
    var screenAnimation: ScreenAnimation {
        let appearing = search.flatMap { $0.isDecided ? $0.appearing : nil }.map { [$0] } ?? []
        return ScreenAnimation(
            appearing: appearing, fading: fading.map(\.footprint), slide: slide, search: search?.view)
    }

    /// The pool to draw while a search is undecided: the one before the allocation.
    var shownPool: MemoryPool? { search?.shownPool }

    mutating func blockFaded(_ footprint: Range<Int>) {
        fading.append((footprint, Self.highlightTicks))
    }

    /// Slides the blocks `moves` names (old → new) into their places in `pool`.
    mutating func startSlide(moves: [Int: Int], in pool: MemoryPool) {
        let slide = SlideAnimation(moves: moves, in: pool, progress: 0)
        self.slide = slide.isAnimated ? slide : nil
    }

    mutating func advance() {
        fading = fading.compactMap { $0.ticksLeft > 1 ? ($0.footprint, $0.ticksLeft - 1) : nil }
        if var running = slide { slide = running.advance() ? running : nil }
        search?.advance()
    }

    /// Stops everything (before the pool changes again).
    mutating func finish() {
        fading = []
        slide = nil
        search = nil
    }
}
