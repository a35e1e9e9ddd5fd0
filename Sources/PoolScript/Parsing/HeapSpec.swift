import PoolAllocator

/// A `heap` statement's heap: OSTEP's free-list heap (malloc.py's), with malloc.py's defaults
/// for every word left out — `heap 100 base 1000 header 4 round 4 policy best order sizesort+
/// coalesce`. The size multiple is `round`, not `align`, so it is not read as `alloc … align`,
/// which aligns addresses.
public struct HeapSpec: Equatable, Hashable, Sendable {
    /// The heap's bytes.
    package var size: Int
    /// Its first address (malloc.py's `-b`, 1000 by default).
    package var baseAddress: Int
    /// The header every block carries (malloc.py's `-H`, 0 by default).
    package var headerSize: Int
    /// Requests are rounded up to a multiple of this (malloc.py's `-a`); nil: none.
    package var sizeMultiple: Int?
    /// The search (malloc.py's `-p`, best by default).
    package var policy: FreeListHeap.SearchPolicy
    /// The free list's order (malloc.py's `-l`, address order by default).
    package var order: FreeListHeap.ListOrder
    /// Whether frees coalesce (malloc.py's `-C`).
    package var coalesces: Bool

    /// A heap of `size` bytes; the rest as malloc.py's defaults.
    package init(
        size: Int, baseAddress: Int = 1000, headerSize: Int = 0, sizeMultiple: Int? = nil,
        policy: FreeListHeap.SearchPolicy = .best, order: FreeListHeap.ListOrder = .addressSorted,
        coalesces: Bool = false
    ) {
        self.size = size
        self.baseAddress = baseAddress
        self.headerSize = headerSize
        self.sizeMultiple = sizeMultiple
        self.policy = policy
        self.order = order
        self.coalesces = coalesces
    }

    /// The empty heap it describes.
    package func makeHeap() -> FreeListHeap {
        FreeListHeap(
            baseAddress: baseAddress, size: size, headerSize: headerSize, sizeMultiple: sizeMultiple,
            policy: policy, order: order, coalesces: coalesces)
    }

    /// A policy's name in a `heap` statement: `best`, `worst`, `first`.
    package static func name(_ policy: FreeListHeap.SearchPolicy) -> String { policy.rawValue.lowercased() }

    /// A list order's name in a `heap` statement: `addrsort`, `sizesort+`, `sizesort-`,
    /// `insert-front`, `insert-back`.
    package static func name(_ order: FreeListHeap.ListOrder) -> String { order.rawValue.lowercased() }

    /// The statement as written, every word spelled out: `heap 100 base 1000 header 0 policy
    /// best order addrsort` (`round N` and `coalesce` when set).
    public var description: String {
        "heap \(size) base \(baseAddress) header \(headerSize)" + (sizeMultiple.map { " round \($0)" } ?? "")
            + " policy \(Self.name(policy)) order \(Self.name(order))" + (coalesces ? " coalesce" : "")
    }
}
