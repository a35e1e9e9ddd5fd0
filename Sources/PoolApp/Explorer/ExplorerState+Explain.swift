import MemoryMap
import PoolAllocator
import PoolText

extension ExplorerState {
    /// `e`: explain, or stop explaining, the search of each allocation: the free blocks the
    /// policy looks at, in its order, each marked too small, misaligned or fits, then the block
    /// taken (the same animation as `poolmap play --explain` and the quiz's reveal).
    mutating func toggleExplain() {
        explainsSearch.toggle()
        if !explainsSearch { animation.search = nil }
        events.append(
            LogEntry(
                explainsSearch
                    ? "explain: on; each allocation shows the free blocks \(SearchText.name(pool.policy)) looks at"
                    : "explain: off"))
    }

    /// When explaining, shows the search an allocation of `size` bytes at `alignment` made on
    /// `before` (the pool before it), and logs it; `footprint` is the block it made, lit up once
    /// the search is decided.
    /// - Returns: whether the search is shown (the caller then does not light the block up itself).
    @discardableResult
    mutating func explainAllocation(size: Int, alignment: Int, before: MemoryPool, footprint: Range<Int>?) -> Bool {
        guard explainsSearch else { return false }
        guard before.stats.freeBlockCount <= SearchAnimation.maximumFreeBlocks else {
            let limit = NumberText.grouped(SearchAnimation.maximumFreeBlocks)
            events.append(LogEntry("explain: more than \(limit) free blocks; the search is not shown"))
            return false
        }
        guard
            let search = SearchAnimation.explaining(
                size: size, alignment: alignment, before: before, appearing: footprint)
        else { return false }
        animation.startSearch(search)
        eventsAfterSearch.append(LogEntry(Self.searchSummary(search.search, poolSize: before.totalSize)))
        return true
    }

    /// Logs `entry` now, or when the search being shown lands if there is one.
    mutating func log(_ entry: LogEntry, afterSearch explained: Bool) {
        if explained { eventsAfterSearch.append(entry) } else { events.append(entry) }
    }

    /// Logs what an explained allocation held back until its search landed.
    mutating func logEventsAfterSearch() {
        guard !eventsAfterSearch.isEmpty else { return }
        for entry in eventsAfterSearch { events.append(entry) }
        eventsAfterSearch = []
    }

    /// `search (best fit): 5 free blocks looked at, 2 fit → lands at 0x0300 (768)`.
    static func searchSummary(_ search: FitSearch, poolSize: Int) -> String {
        let looked = search.looks.count == 1 ? "1 free block" : "\(NumberText.grouped(search.looks.count)) free blocks"
        let fitting = search.fitting.count
        let fit = fitting == 1 ? "1 fits" : "\(NumberText.grouped(fitting)) fit"
        return "search (\(SearchText.name(search.policy))): \(looked) looked at, \(fit) → "
            + SearchText.outcome(search, poolSize: poolSize)
    }
}
