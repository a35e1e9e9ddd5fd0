import MemoryMap
import PoolAllocator

/// An allocation's search played on ticks, shared by the explorer, the player (the explain key
/// `e`, `--explain`) and the quiz's reveal: the pool as it was before the allocation is shown
/// while the policy looks at its free blocks one by one, each getting its verdict; then the
/// search is decided, the pool after the allocation comes back and the new block appears.
package struct SearchAnimation: Sendable {
    /// Ticks a free block is looked at when there are few of them (6 × 40 ms).
    static let ticksPerLook = 6
    /// The most ticks a whole search takes (3 s): with many free blocks, each takes less.
    static let maximumTicks = 75
    /// Above this many free blocks no search is explained: the listing would be unreadable and
    /// computing it costs O(n) per allocation.
    package static let maximumFreeBlocks = 4096

    /// The search shown.
    package let search: FitSearch
    /// The pool the search looks at (before the allocation), shown until it is decided.
    package let before: MemoryPool
    /// The new block's footprint in the pool after the allocation, to light up when decided.
    package let appearing: Range<Int>?
    /// In a heap scene, the heap the search looks at (before the allocation), shown until it is
    /// decided; `before` then only stands in for its size.
    package var heapBefore: FreeListHeap?
    /// Ticks so far.
    package private(set) var ticks = 0
    /// Ticks from the start to the decision: one step per free block looked at, and one to decide.
    package let duration: Int

    /// The animation of `search`, made on `before`; `appearing` is the block it made, if any.
    package init(search: FitSearch, before: MemoryPool, appearing: Range<Int>?) {
        self.search = search
        self.before = before
        self.appearing = appearing
        let steps = search.looks.count + 1
        duration = max(1, min(steps * Self.ticksPerLook, Self.maximumTicks))
    }

    /// The search for an allocation of `size` bytes at `alignment` on `before`, by its policy,
    /// when it can be explained (a valid request, at most `maximumFreeBlocks` free blocks).
    package static func explaining(
        size: Int, alignment: Int, before: MemoryPool, appearing: Range<Int>?
    ) -> SearchAnimation? {
        guard before.stats.freeBlockCount <= maximumFreeBlocks,
            let search = try? FitSearch(pool: before, size: size, alignment: alignment)
        else { return nil }
        return SearchAnimation(search: search, before: before, appearing: appearing)
    }

    /// Whether the search is over (the block taken shown, the pool after it drawn).
    package var isDecided: Bool { ticks >= duration }

    /// Ticks left until the decision.
    package var ticksLeft: Int { max(0, duration - ticks) }

    /// How many looks show their verdict now.
    var revealed: Int {
        let steps = search.looks.count + 1
        return min(search.looks.count, ticks * steps / duration)
    }

    /// One tick further. - Returns: whether this tick decided the search.
    @discardableResult
    package mutating func advance() -> Bool {
        guard !isDecided else { return false }
        ticks += 1
        return isDecided
    }

    /// Jumps to the decision. - Returns: whether it was not decided before.
    @discardableResult
    package mutating func decide() -> Bool {
        guard !isDecided else { return false }
        ticks = duration
        return true
    }

    /// The frame's view of it for the renderer.
    package var view: SearchView {
        SearchView(search: search, revealed: isDecided ? search.looks.count : revealed, isDecided: isDecided)
    }

    /// The pool the map shows: the one before the allocation until the search is decided.
    package var shownPool: MemoryPool? {
        isDecided ? nil : before
    }

    /// The heap the map shows in a heap scene: the one before the allocation until the search
    /// is decided.
    package var shownHeap: FreeListHeap? {
        isDecided ? nil : heapBefore
    }

    /// The search `heap.malloc(requested)` makes, when it can be explained (a block of some
    /// bytes, at most `maximumFreeBlocks` elements); `appearing` is the block it made, from the
    /// heap's base.
    package static func explaining(
        requested: Int, heap: FreeListHeap, standIn pool: MemoryPool, appearing: Range<Int>?
    )
        -> SearchAnimation?
    {
        guard heap.freeList.count <= maximumFreeBlocks, let search = heap.search(forRequest: requested) else {
            return nil
        }
        var animation = SearchAnimation(search: search, before: pool, appearing: appearing)
        animation.heapBefore = heap
        return animation
    }
}
