import PoolAllocator

/// A search made visible, as far as it has got in this frame: the free blocks looked at so far
/// marked with their verdicts (`×` too small, `≠` misaligned, `✓` fits), the one looked at now
/// drawn `.candidate`, and once the search is decided, the block taken. The panel lists the
/// same, so the meaning survives without colour. The app advances it on ticks.
public struct SearchView: Equatable, Sendable {
    /// The search, every look and verdict, of which the first `revealed` are shown.
    public var search: FitSearch
    /// How many of `search.looks` show their verdict (0 … `looks.count`).
    public var revealed: Int
    /// Whether the search is over: the block taken (or the failure) is shown.
    public var isDecided: Bool

    /// Creates the view of `search` with `revealed` looks shown (clamped to `0 … looks.count`).
    public init(search: FitSearch, revealed: Int = 0, isDecided: Bool = false) {
        self.search = search
        self.revealed = min(max(0, revealed), search.looks.count)
        self.isDecided = isDecided
    }

    /// The whole search at once: every verdict and the block taken.
    public static func decided(_ search: FitSearch) -> SearchView {
        SearchView(search: search, revealed: search.looks.count, isDecided: true)
    }

    /// The index of the free block being looked at now: the first not revealed, until decided.
    public var currentIndex: Int? {
        !isDecided && revealed < search.looks.count ? revealed : nil
    }
}
