/// A heap managed by a free list, as OSTEP's free-space simulator (`malloc.py`, in the
/// free-space chapter's homework) models it: a second allocator model beside `MemoryPool`,
/// for what that pool cannot express — a **header** in front of every block, request sizes
/// rounded up to a multiple, a free **list whose order is a policy**, and no coalescing unless
/// asked. docs/semantics.md ("The free-list heap") lists its rules and the quirks it keeps on
/// purpose, with the reason for each.
///
/// - `malloc(_:)` rounds the request up to `sizeMultiple` (when set), adds `headerSize`, and
///   walks `freeList` in list order, counting every element it looks at. First fit stops at
///   the first element that fits; best and worst fit look at all of them and keep the
///   smallest / largest, the **earlier** element winning a tie. An exact fit removes the
///   element; a larger one is split from its low end and the remainder **keeps its place in
///   the list**, even when the list is sorted by size.
/// - `free(_:)` puts the block back by `order`: at the back, at the front, or appended and
///   then *stable*-sorted (by address, size ascending or size descending; ties keep list
///   order). With `coalesces`, one pass then merges each element with the **next element in
///   the list** when they touch in memory, so under any order but address order coalescing is
///   partial.
///
/// Invariants (checked after every mutation when `POOL_INTERNAL_CHECKS` is set, as in debug
/// builds and the test suite): the free elements and the allocated blocks of non-zero size
/// tile `baseAddress ..< baseAddress + size` exactly; zero-size ones (a zero-byte request with
/// no header) lie within `baseAddress ... baseAddress + size`; no size is negative.
///
/// Every operation is O(n) (O(n log n) for the sorted orders) in the length of the list: a
/// list walked in order is the model's nature, not an accident of this implementation.
package struct FreeListHeap: Sendable, Equatable {
    /// Which fitting element `malloc(_:)` takes.
    package enum SearchPolicy: String, CaseIterable, Sendable {
        /// The smallest that fits; the earlier element wins a tie.
        case best = "BEST"
        /// The largest that fits; the earlier element wins a tie.
        case worst = "WORST"
        /// The first that fits, in list order.
        case first = "FIRST"
    }

    /// Where `free(_:)` puts a block back in the free list.
    package enum ListOrder: String, CaseIterable, Sendable {
        /// Appended, then the list stable-sorted by address.
        case addressSorted = "ADDRSORT"
        /// Appended, then the list stable-sorted by size, smallest first.
        case sizeAscending = "SIZESORT+"
        /// Appended, then the list stable-sorted by size, largest first.
        case sizeDescending = "SIZESORT-"
        /// Put at the front.
        case insertFront = "INSERT-FRONT"
        /// Put at the back.
        case insertBack = "INSERT-BACK"
    }

    /// A free element or an allocated block: `size` bytes from `address` (a block's address
    /// is its header's start).
    package struct Chunk: Sendable, Equatable, Hashable {
        /// The first address.
        package var address: Int
        /// The number of bytes.
        package var size: Int

        /// `size` bytes from `address`.
        package init(address: Int, size: Int) {
            self.address = address
            self.size = size
        }
    }

    /// The heap's first address.
    package let baseAddress: Int
    /// The heap's size in bytes.
    package let size: Int
    /// The bytes every block carries in front of what was asked for.
    package let headerSize: Int
    /// Requests are rounded up to a multiple of this (malloc.py's "alignment"); `nil` for none.
    package let sizeMultiple: Int?
    /// See `SearchPolicy`.
    package let policy: SearchPolicy
    /// See `ListOrder`.
    package let order: ListOrder
    /// Whether `free(_:)` ends with the coalescing pass.
    package let coalesces: Bool
    /// The free elements, in list order (the order a search walks them).
    package internal(set) var freeList: [Chunk]
    /// The size of each allocated block (header included), by its address.
    package internal(set) var allocatedSizes: [Int: Int]
    /// The bytes each allocated block was asked for (before rounding and the header), by its
    /// address: what the map needs to tell the rounding's padding from the payload.
    package internal(set) var requestedSizes: [Int: Int]
    /// The payload bytes live now: the sum of `requestedSizes`.
    package internal(set) var liveBytes = 0
    /// The high-water mark and peak live bytes over the heap's life so far (docs/semantics.md,
    /// "The figures of a run"): the end of the highest block ever allocated, from the base,
    /// header and rounding included; the most payload bytes live at once. Kept in O(1) per
    /// allocation, as a pool keeps its own.
    package internal(set) var figures = PoolFigures()

    /// A heap of `size` bytes from `baseAddress` whose free list is the whole heap.
    /// - Precondition: `size >= 0`, `headerSize >= 0`, `sizeMultiple` is `nil` or above 0, and
    ///   `baseAddress + size` is representable.
    /// - Complexity: O(1).
    package init(
        baseAddress: Int, size: Int, headerSize: Int = 0, sizeMultiple: Int? = nil,
        policy: SearchPolicy = .best, order: ListOrder = .addressSorted, coalesces: Bool = false
    ) {
        precondition(size >= 0 && headerSize >= 0, "a heap size and header size are never negative")
        precondition(sizeMultiple.map { $0 > 0 } ?? true, "a size multiple is above 0")
        precondition(!baseAddress.addingReportingOverflow(size).overflow, "the heap's end overflows")
        self.baseAddress = baseAddress
        self.size = size
        self.headerSize = headerSize
        self.sizeMultiple = sizeMultiple
        self.policy = policy
        self.order = order
        self.coalesces = coalesces
        freeList = [Chunk(address: baseAddress, size: size)]
        allocatedSizes = [:]
        requestedSizes = [:]
        checkInvariants()
    }
}
