import PoolAllocator

/// A free-list heap as one frame draws it (`ScreenModel.heap`): the heap, and what the last
/// operation did to its list, for the panel.
package struct HeapFrame: Sendable, Equatable {
    /// The heap drawn: the one before an allocation while its search is shown.
    package var heap: FreeListHeap
    /// The address of the block the last step freed, if it was a free: the panel marks the
    /// list element that holds it now (and says when coalescing merged it).
    package var freedAddress: Int?
    /// The freed block's size: an element larger than it, or starting below it, was merged.
    package var freedSize: Int?
    /// While an allocation's search is shown (decided or not), the free list it walked, in
    /// list order: the panel lists it with each element's verdict.
    package var searchedList: [FreeListHeap.Chunk]?
    /// Elements looked at by the last allocation (malloc.py's "searched N elements"), if the
    /// last step was one and no search is being shown.
    package var searched: Int?

    /// A frame of `heap`.
    package init(
        heap: FreeListHeap, freedAddress: Int? = nil, freedSize: Int? = nil, searched: Int? = nil,
        searchedList: [FreeListHeap.Chunk]? = nil
    ) {
        self.heap = heap
        self.searchedList = searchedList
        self.freedAddress = freedAddress
        self.freedSize = freedSize
        self.searched = searched
    }
}

extension FreeListHeap {
    /// The bytes of the live block at `address`, header included, as offsets from the heap's
    /// base (how the map, its animations and its selection name a block), or nil when no
    /// block starts there.
    package func footprint(ofBlockAt address: Int) -> Range<Int>? {
        allocatedSizes[address].map { (address - baseAddress)..<(address - baseAddress + $0) }
    }
}
