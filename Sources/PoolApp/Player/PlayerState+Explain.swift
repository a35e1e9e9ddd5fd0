import MemoryMap
import PoolAllocator

extension PlayerState {
    /// Ticks playback holds after a search is decided, so its outcome can be read (0.4 s).
    static let explainPauseTicks = 10

    /// `e`: explain, or stop explaining, each allocation's search while operations are animated
    /// (at up to 40 operations per second): the same animation as the explorer's `e`.
    mutating func toggleExplain() {
        explainsSearch.toggle()
        if !explainsSearch { animation.search = nil }
    }

    /// When explaining, shows the search an allocation of `size` bytes at `alignment` made on
    /// `before`; `footprint` is the block it made, lit up once decided.
    /// - Returns: whether the search is shown.
    @discardableResult
    mutating func explain(size: Int, alignment: Int, before: MemoryPool, footprint: Range<Int>?) -> Bool {
        explain(SearchAnimation.explaining(size: size, alignment: alignment, before: before, appearing: footprint))
    }

    /// When explaining, shows `search` (made only then: it costs O(n)), a pool's or a heap's.
    /// - Returns: whether a search is shown.
    @discardableResult
    mutating func explain(_ search: @autoclosure () -> SearchAnimation?) -> Bool {
        guard explainsSearch, let search = search() else { return false }
        animation.startSearch(search)
        return true
    }

    /// Ticks playback holds for the search shown now: until it is decided, and a moment more.
    var explainHoldTicks: Int {
        (animation.search?.ticksLeft ?? 0) + Self.explainPauseTicks
    }
}
