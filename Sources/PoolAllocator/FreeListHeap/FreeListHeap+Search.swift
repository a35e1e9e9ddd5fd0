extension FreeListHeap.SearchPolicy {
    /// The pool's policy that searches as this one does when handed the free list in list
    /// order: first fit stops at the first element that fits, best and worst fit keep the
    /// earlier element on a tie (`FitSearch` keeps the first it looked at).
    package var fitPolicy: FitPolicy {
        switch self {
        case .first: return .first
        case .best: return .best
        case .worst: return .worst
        }
    }

    /// The heap's policy that searches as the pool's `fitPolicy` does (the inverse of
    /// `fitPolicy`); nil for next fit, which a heap has not.
    package init?(_ fitPolicy: FitPolicy) {
        switch fitPolicy {
        case .first: self = .first
        case .best: self = .best
        case .worst: self = .worst
        case .next: return nil
        }
    }
}

extension FreeListHeap {
    /// The search `malloc(requested)` makes, made visible: every list element it looks at, in
    /// list order, with its verdict (too small or fits) and the one it takes; `looks.count` is
    /// malloc.py's "searched N elements". Offsets are from `baseAddress` (the map's), the size
    /// is the block's (rounded, header included), the alignment 1.
    /// - Returns: nil for a block of no bytes (a zero-byte request with no header) or one
    ///   beyond `Int`: nothing to show.
    /// - Complexity: O(n) for a list of n elements.
    package func search(forRequest requested: Int) -> FitSearch? {
        search(forRequest: requested, by: policy.fitPolicy)
    }

    /// Every element of the free list, in list order, with its verdict for `malloc(requested)`
    /// (too small or fits): what the quiz's answer moves over. Offsets are from `baseAddress`.
    /// - Returns: nil when `search(forRequest:)` is.
    /// - Complexity: O(n) for a list of n elements.
    package func looks(forRequest requested: Int) -> [FitSearch.Look]? {
        // Best fit looks at every element, whatever the heap's policy.
        search(forRequest: requested, by: .best)?.looks
    }

    private func search(forRequest requested: Int, by fitPolicy: FitPolicy) -> FitSearch? {
        guard let needed = blockSize(forRequest: requested), needed > 0 else { return nil }
        let elements = freeList.map { (start: $0.address - baseAddress, length: $0.size) }
        return try? FitSearch(
            freeBlocks: elements, totalSize: size, rover: 0, size: needed, alignment: 1, policy: fitPolicy)
    }
}
