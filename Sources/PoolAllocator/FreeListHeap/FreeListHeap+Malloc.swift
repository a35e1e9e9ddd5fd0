extension FreeListHeap {
    /// What `malloc(_:)` did: where the block went, if anywhere, and how many list elements the
    /// search looked at.
    package struct Allocation: Sendable, Equatable {
        /// The block's address (its header's start), or `nil` when nothing fitted.
        package var address: Int?
        /// The free-list elements looked at.
        package var searched: Int

        /// A result of `malloc(_:)`.
        package init(address: Int?, searched: Int) {
            self.address = address
            self.searched = searched
        }
    }

    /// A zero-size block was placed at an address where a block is already allocated: two
    /// blocks would have one address, which malloc.py asserts never happens (it does, after a
    /// zero-byte request with no header).
    package struct AddressInUse: Error, Sendable, Equatable {
        /// The address already allocated.
        package var address: Int

        /// A collision at `address`.
        package init(address: Int) { self.address = address }
    }

    /// The bytes a request of `requested` bytes takes: rounded up to `sizeMultiple`, plus the
    /// header; `nil` when that is beyond `Int` (and so beyond any heap).
    /// - Complexity: O(1).
    package func blockSize(forRequest requested: Int) -> Int? {
        var total = requested
        if let sizeMultiple {
            let remainder = requested % sizeMultiple
            if remainder != 0 {
                let (rounded, overflow) = requested.addingReportingOverflow(sizeMultiple - remainder)
                if overflow { return nil }
                total = rounded
            }
        }
        let (withHeader, overflow) = total.addingReportingOverflow(headerSize)
        return overflow ? nil : withHeader
    }

    /// Allocates `requested` bytes (see the type's description for the search and the split).
    /// A failed search changes nothing.
    /// - Returns: the block's address and the elements looked at, or `nil` and the elements
    ///   looked at (all of them) when none fits.
    /// - Throws: `AddressInUse` when the chosen address already holds a block (possible only
    ///   with zero-size blocks); the heap is then unchanged.
    /// - Precondition: `requested >= 0`.
    /// - Complexity: O(n) for a list of n elements.
    package mutating func malloc(_ requested: Int) throws(AddressInUse) -> Allocation {
        precondition(requested >= 0, "a request is never negative")
        guard let needed = blockSize(forRequest: requested) else {
            return Allocation(address: nil, searched: freeList.count)
        }
        var chosen: Int?
        var searched = 0
        for (index, element) in freeList.enumerated() {
            searched += 1
            guard element.size >= needed else { continue }
            switch policy {
            case .first:
                chosen = index
            case .best:
                if chosen.map({ element.size < freeList[$0].size }) ?? true { chosen = index }
            case .worst:
                if chosen.map({ element.size > freeList[$0].size }) ?? true { chosen = index }
            }
            if policy == .first { break }
        }
        guard let chosen else { return Allocation(address: nil, searched: searched) }
        let element = freeList[chosen]
        guard allocatedSizes[element.address] == nil else { throw AddressInUse(address: element.address) }
        if element.size > needed {
            // The remainder keeps the element's place in the list, whatever the order.
            freeList[chosen] = Chunk(address: element.address + needed, size: element.size - needed)
        } else {
            freeList.remove(at: chosen)
        }
        allocatedSizes[element.address] = needed
        requestedSizes[element.address] = requested
        liveBytes += requested
        figures.noteAllocation(end: element.address - baseAddress + needed, live: liveBytes)
        checkInvariants()
        return Allocation(address: element.address, searched: searched)
    }
}
