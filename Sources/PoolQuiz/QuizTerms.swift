import PoolAllocator
import PoolText

/// The words an allocation question's verdict and panel speak in: a pool's free blocks, in
/// address order at hex offsets, or a free-list heap's elements, in list order at decimal
/// addresses (the heap's base plus the offset), as malloc.py prints them.
enum QuizTerms {
    /// A pool's: the pool before the allocation.
    case pool(MemoryPool)
    /// A free-list heap's: the heap before the allocation.
    case heap(FreeListHeap)

    /// An offset as the screen writes it: `0x0320` in a pool, the address `1004` in a heap.
    func place(_ offset: Int) -> String {
        switch self {
        case .pool(let pool): return HexOffset.format(offset, digits: HexOffset.digits(forPoolSize: pool.totalSize))
        case .heap(let heap): return String(heap.baseAddress + offset)
        }
    }

    /// The bytes the map spans.
    var poolSize: Int {
        switch self {
        case .pool(let pool): return pool.totalSize
        case .heap(let heap): return heap.size
        }
    }

    /// `free block`, `element` (of the free list).
    var freeNoun: String {
        switch self {
        case .pool: return "free block"
        case .heap: return "element"
        }
    }

    /// `block`, `element`: what "the … you chose" is.
    var noun: String {
        switch self {
        case .pool: return "block"
        case .heap: return "element"
        }
    }

    /// How one candidate that fits comes before another: `lower`, `earlier in the list`.
    var earlier: String {
        switch self {
        case .pool: return "lower"
        case .heap: return "earlier in the list"
        }
    }

    /// How first fit's choice comes before `yours`: `is lower than …`, `comes before … in the list`.
    func comesBefore(_ yours: String) -> String {
        switch self {
        case .pool: return "is lower than \(yours)"
        case .heap: return "comes before \(yours) in the list"
        }
    }

    /// The largest free block or element, in bytes.
    var largestFree: Int {
        switch self {
        case .pool(let pool): return pool.stats.largestFree
        case .heap(let heap): return heap.freeList.map(\.size).max() ?? 0
        }
    }

    /// What the policy takes, as a sentence's end: `first fit takes the lowest block that
    /// fits`; a heap's in list order (best and worst fit: the earlier element on a tie).
    func rule(_ policy: FitPolicy) -> String {
        guard case .heap = self else { return SearchText.rule(policy) }
        switch policy {
        case .first: return "first fit takes the first element that fits, in list order"
        case .best: return "best fit takes the smallest element that fits, the earlier in the list on a tie"
        case .worst: return "worst fit takes the largest element that fits, the earlier in the list on a tie"
        case .next: return SearchText.rule(.next)  // A heap has no next fit.
        }
    }

    /// The outcome in one line: `lands at 0x0320 (800)…`, or a heap's `returns 1004 (searched
    /// 2 elements)`; `fails: …` and why.
    func outcome(_ search: FitSearch) -> String {
        guard case .heap = self else { return SearchText.outcome(search, poolSize: poolSize) }
        guard let chosen = search.chosen else { return "fails: " + whyNoneFits(search) }
        return "returns \(place(chosen.start)) (searched \(Self.elements(search.looks.count)))"
    }

    /// Why nothing fits: `no free block holds 300 B`, or a heap's `no element holds 12 B with
    /// its header (searched 3 elements, so malloc.py returns -1)`.
    func whyNoneFits(_ search: FitSearch) -> String {
        guard case .heap = self else { return SearchText.whyNoneFits(search) }
        return "no element holds \(SearchText.bytes(search.size)) with its header "
            + "(searched \(Self.elements(search.looks.count)), so malloc.py returns -1)"
    }

    /// Why a free block or element does not fit: `too small (40 B < 64 B)`, a heap's `too
    /// small (8 B < 12 B with its header)`.
    func whyNot(_ look: FitSearch.Look, in search: FitSearch) -> String {
        guard case .heap = self, look.verdict == .tooSmall else {
            return SearchText.whyNot(look, in: search, poolSize: poolSize)
        }
        return "too small (\(SearchText.bytes(look.length)) < \(SearchText.bytes(search.size)) with its header)"
    }

    /// `1 element`, `3 elements`.
    static func elements(_ count: Int) -> String { count == 1 ? "1 element" : "\(count) elements" }
}
