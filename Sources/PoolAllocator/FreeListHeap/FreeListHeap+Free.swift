extension FreeListHeap {
    /// Frees the block at `address` (its header's start): it joins the free list by `order`,
    /// then, with `coalesces`, the coalescing pass runs.
    /// - Returns: `false` (and changes nothing) when no block starts at `address`, as for a
    ///   second free of the same block.
    /// - Complexity: O(n) for a list of n elements; O(n log n) under the sorted orders.
    @discardableResult
    package mutating func free(_ address: Int) -> Bool {
        guard let blockSize = allocatedSizes.removeValue(forKey: address) else { return false }
        liveBytes -= requestedSizes.removeValue(forKey: address) ?? 0
        let block = Chunk(address: address, size: blockSize)
        switch order {
        case .insertBack: freeList.append(block)
        case .insertFront: freeList.insert(block, at: 0)
        case .addressSorted: appendAndSort(block) { $0.address < $1.address }
        case .sizeAscending: appendAndSort(block) { $0.size < $1.size }
        case .sizeDescending: appendAndSort(block) { $0.size > $1.size }
        }
        if coalesces { coalesceWithNextInList() }
        checkInvariants()
        return true
    }

    /// Appends `block`, then sorts the list by `precedes`, stably: elements neither precedes
    /// keep their list order (as Python's `sorted`, also with `reverse=True`).
    private mutating func appendAndSort(_ block: Chunk, by precedes: (Chunk, Chunk) -> Bool) {
        freeList.append(block)
        freeList = freeList.enumerated()
            .sorted { a, b in
                precedes(a.element, b.element) || (!precedes(b.element, a.element) && a.offset < b.offset)
            }
            .map(\.element)
    }

    /// One pass in list order: an element that starts where the one before it (merged so far)
    /// ends is merged into it. Neighbours in memory that are not neighbours in the list stay
    /// apart — the partial coalescing of every order but address order.
    private mutating func coalesceWithNextInList() {
        guard var current = freeList.first else { return }
        var merged: [Chunk] = []
        merged.reserveCapacity(freeList.count)
        for element in freeList.dropFirst() {
            if element.address == current.address + current.size {
                current.size += element.size
            } else {
                merged.append(current)
                current = element
            }
        }
        merged.append(current)
        freeList = merged
    }
}
