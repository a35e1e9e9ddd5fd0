import CPrefetch

/// One node of the block tree: a leaf of entries, or an inner node of children with their
/// summaries. Nodes are classes so snapshots of a pool share them; a mutation copies only the
/// nodes on its path that are shared (`uniqueChild`, `MemoryPool.makeRootUnique`).
///
/// A **leaf** holds up to `leafSlots` entries in address order. Entry `j` covers
/// `starts[j] ..< end(j)`, where `end(j)` is the next entry's start (or, for the last entry, the
/// start of the next leaf / the pool's end). `tags[j]` says what the entry is: a used entry's
/// alignment (> 0), or a free entry's length negated (< 0) — so a first-fit scan reads one word
/// per entry. A used entry holds a block whose padding comes first, then its payload. The
/// padding is not stored: a block always sits at the lowest multiple of its alignment at or
/// above its entry's start (`padding(start:align:)`), as `allocAligned` and `defragment` place
/// it and as a used entry's start never changes.
///
/// An **inner** node holds up to `innerSlots` children; for child `i` it keeps its first byte
/// (`starts[i]`) and its summary: largest free entry (`maxFree`), payload bytes, padding bytes
/// and live blocks below it. It also keeps the largest `maxFree` of every group of
/// `groupSlots` children (`groupMax`) and of all of them (`largest`), so a search for the first
/// child with room reads the group maxima, then one group. It also keeps, per child, a bound on
/// the largest block the free entries below it can hold at a multiple of `roomAlignment`
/// (`roomBound`), so an aligned search skips leaves whose long free entries are all misaligned
/// without reading them.
///
/// This file holds the layout (one buffer: header, separators, group maxima, lanes, children),
/// the lanes' accessors and sentinels, and copying. The rest is by concern:
/// `BlockNode+Search` (finding a slot by offset), `BlockNode+Summaries` (maxima, room bounds,
/// sums), `BlockNode+Editing` (inserting, removing, splitting, joining slots),
/// `BlockNode+Allocate` (carving a block) and `BlockNode+Release` (freeing one).
// Sendable like Array storage: a node is mutated only while uniquely referenced (copy on write).
final class BlockNode: @unchecked Sendable {
    /// Entries per leaf. Leaves are scanned whole when their largest free entry is used.
    static let leafSlots = 32
    /// Children per inner node.
    static let innerSlots = 128
    static func slots(isLeaf: Bool) -> Int { isLeaf ? leafSlots : innerSlots }
    /// Leaf lanes: starts, tags. Inner lanes: starts, maxFree, childWords, and one of summary
    /// records (payload, padding, blocks, roomBound side by side: a level's bookkeeping after a
    /// carve or a release touches one cache line of them, not four).
    static func lanes(isLeaf: Bool) -> Int { isLeaf ? 2 : 4 }
    /// Words per slot of a summary record.
    static let recordWords = 4
    /// Words per slot over all lanes.
    static func wordsPerSlot(isLeaf: Bool) -> Int { isLeaf ? 2 : 3 + recordWords }
    /// Header words: count, shared flag, largest child summary (inner), one spare.
    static let headerWords = 4
    /// Slots per search group: a node keeps the start of every group's first slot
    /// (`separators`) and, inner, every group's largest `maxFree` (`groupMax`), so a search
    /// reads those few words, then one group's line.
    static let groupSlots = 8
    static func separatorWords(_ slots: Int) -> Int { (slots + groupSlots - 1) / groupSlots }
    /// Groups of a leaf and of an inner node: the fixed trip counts of every group loop.
    static let leafGroups = separatorWords(leafSlots)
    static let innerGroups = separatorWords(innerSlots)
    static func groupMaxWords(isLeaf: Bool) -> Int { isLeaf ? 0 : innerGroups }

    let isLeaf: Bool
    /// Slots per lane: `leafSlots` or `innerSlots`.
    let slots: Int
    /// One allocation: the header words, the separators, (inner) the group maxima, the lanes
    /// (`slots` Ints each), then (inner) the children. Every stored property is a `let`, so no
    /// access pays for an exclusivity check.
    let words: UnsafeMutablePointer<Int>
    /// `starts[0]`, `starts[8]`, `starts[16]`, … (see `groupSlots`); `Int.max` for a group
    /// with no slot in use.
    let separators: UnsafeMutablePointer<Int>
    /// Inner: the largest `maxFree` of children `0..<8`, `8..<16`, … (see `groupSlots`).
    let groupMax: UnsafeMutablePointer<Int>
    /// The lanes, one after another.
    let ints: UnsafeMutablePointer<Int>
    /// Inner only: the children (initialized in `0..<count`).
    let kids: UnsafeMutablePointer<BlockNode>?

    /// A new, empty node.
    static func make(isLeaf: Bool) -> BlockNode { BlockNode(isLeaf: isLeaf) }

    private init(isLeaf: Bool) {
        self.isLeaf = isLeaf
        slots = Self.slots(isLeaf: isLeaf)
        let laneWords = Self.wordsPerSlot(isLeaf: isLeaf) * slots
        let separatorWords = Self.separatorWords(slots)
        let groupMaxWords = Self.groupMaxWords(isLeaf: isLeaf)
        words = .allocate(
            capacity: Self.headerWords + separatorWords + groupMaxWords + laneWords + (isLeaf ? 0 : slots))
        words.initialize(repeating: 0, count: Self.headerWords)
        separators = words + Self.headerWords
        groupMax = separators + separatorWords
        ints = groupMax + groupMaxWords
        // Unused slots hold their sentinels (see `starts`, `maxFree`), and so do separators.
        separators.initialize(repeating: .max, count: separatorWords)
        groupMax.initialize(repeating: 0, count: groupMaxWords)
        ints.initialize(repeating: .max, count: slots)
        (ints + slots).initialize(repeating: isLeaf ? .max : -1, count: slots)
        kids =
            isLeaf
            ? nil : UnsafeMutableRawPointer(ints + laneWords).bindMemory(to: BlockNode.self, capacity: slots)
    }

    deinit {
        if let kids { kids.deinitialize(count: count) }
        words.deallocate()
    }

    @inline(__always) var lanes: Int { Self.lanes(isLeaf: isLeaf) }

    /// Entries (leaf) or children (inner).
    @inline(__always) var count: Int {
        get { words[0] }
        set { words[0] = newValue }
    }

    /// Inner: set once this node's children may also belong to another node (it was copied,
    /// or is a copy). Until then no child can be shared, and descents skip the uniqueness check.
    @inline(__always) var childrenMayBeShared: Bool {
        get { words[1] != 0 }
        set { words[1] = newValue ? 1 : 0 }
    }

    /// A copy holding the same entries (or sharing the same children, after which both nodes'
    /// `childrenMayBeShared` is set).
    /// - Complexity: O(slots).
    func copy() -> BlockNode {
        let node = BlockNode(isLeaf: isLeaf)
        node.count = count
        node.largest = largest
        node.groupMax.update(from: groupMax, count: Self.groupMaxWords(isLeaf: isLeaf))
        for k in 0..<lanes {
            let (from, width) = lane(k)
            (node.ints + (from - ints)).update(from: from, count: count * width)
        }
        node.separators.update(from: separators, count: Self.separatorWords(slots))
        if let kids, let to = node.kids {
            to.initialize(from: kids, count: count)
            childrenMayBeShared = true
            node.childrenMayBeShared = true
        }
        return node
    }

    /// Bytes this node owns: its object and its one buffer.
    var ownedBytes: Int {
        let object = 72  // header (16) and seven stored properties (`isLeaf` padded to a word)
        let words =
            Self.headerWords + Self.separatorWords(slots) + Self.groupMaxWords(isLeaf: isLeaf)
            + Self.wordsPerSlot(isLeaf: isLeaf) * slots + (isLeaf ? 0 : slots)
        let buffer = words * MemoryLayout<Int>.stride
        return object + buffer
    }

    // MARK: Lanes

    /// Lane `k`'s first word and its words per slot.
    @inline(__always) func lane(_ k: Int) -> (base: UnsafeMutablePointer<Int>, width: Int) {
        k < 3 ? (ints + k &* slots, 1) : (ints + 3 &* slots, Self.recordWords)
    }

    /// One field of the inner summary records, indexed by child.
    struct RecordField {
        let base: UnsafeMutablePointer<Int>

        @inline(__always) subscript(i: Int) -> Int {
            get { base[i &* BlockNode.recordWords] }
            nonmutating set { base[i &* BlockNode.recordWords] = newValue }
        }
    }

    /// The first byte of every entry (leaf) or child (inner); `Int.max` in every slot at or
    /// after `count`, so searches run a fixed number of steps without looking at `count`.
    @inline(__always) var starts: UnsafeMutablePointer<Int> { ints }

    /// Puts the sentinels back into `n` slots from `first` on, which have just become unused:
    /// `Int.max` starts, and tags of no free entry (leaf) or -1 maxima (inner).
    @inline(__always) func clearSlots(from first: Int, count n: Int) {
        (starts + first).update(repeating: .max, count: n)
        (ints + slots + first).update(repeating: isLeaf ? .max : -1, count: n)
    }

    // MARK: Leaf lanes

    /// Leaf: a used entry's alignment (> 0), or a free entry's length negated (< 0); `Int.max`
    /// in every slot at or after `count`.
    @inline(__always) var tags: UnsafeMutablePointer<Int> { ints + slots }

    /// Leaf: whether entry `j` is free.
    @inline(__always) func isFree(_ j: Int) -> Bool { tags[j] < 0 }

    /// Leaf: entry `j`'s alignment, 0 for a free entry.
    @inline(__always) func align(_ j: Int) -> Int { max(tags[j], 0) }

    /// Leaf: the padding of entry `j` (0 for a free entry).
    @inline(__always) func pad(_ j: Int) -> Int { Self.padding(start: starts[j], align: tags[j]) }

    /// The gap from `start` up to the lowest multiple of `align` at or above it (0 when
    /// `align` is 1 or less, so for a free entry's negative tag). Never overflows: the gap is
    /// below `align`.
    @inline(__always) static func padding(start: Int, align: Int) -> Int {
        if align <= 1 { return 0 }
        if align & (align - 1) == 0 { return (0 &- start) & (align - 1) }
        let remainder = start % align
        return remainder == 0 ? 0 : align - remainder
    }

    /// Leaf: one past entry `j`'s last byte, given the leaf's end.
    @inline(__always) func entryEnd(_ j: Int, leafEnd: Int) -> Int {
        j + 1 < count ? starts[j + 1] : leafEnd
    }

    // MARK: Inner lanes

    /// Inner: the largest free entry below each child; -1 in every slot at or after `count`,
    /// so scans of a whole group need not look at `count`.
    @inline(__always) var maxFree: UnsafeMutablePointer<Int> { ints + slots }

    /// Inner: the address of child `i`'s words, so a descent can start loading them before
    /// the child object itself has arrived (`prefetchChild`).
    @inline(__always) var childWords: UnsafeMutablePointer<Int> { ints + 2 &* slots }
    /// Inner: payload bytes of the live blocks below each child.
    @inline(__always) var payload: RecordField { RecordField(base: ints + 3 &* slots) }
    /// Inner: padding bytes of the live blocks below each child.
    @inline(__always) var padding: RecordField { RecordField(base: ints + 3 &* slots + 1) }
    /// Inner: live blocks below each child.
    @inline(__always) var blocks: RecordField { RecordField(base: ints + 3 &* slots + 2) }
    /// Inner: at least the largest block any free entry below child `i` can hold at a multiple
    /// of `roomAlignment` (see `room(start:length:)`); for a leaf child, at least `leafRoom()`,
    /// for an inner child, at least its own largest bound. Raised when a free entry grows, left
    /// alone when one shrinks (it stays a bound), tightened when an aligned search finds no
    /// room below the child and whenever the child's summary is recomputed.
    @inline(__always) var roomBound: RecordField { RecordField(base: ints + 3 &* slots + 3) }

    /// Inner: one past child `i`'s last byte, given the node's end.
    @inline(__always) func childEnd(_ i: Int, nodeEnd: Int) -> Int {
        i + 1 < count ? starts[i + 1] : nodeEnd
    }

    /// Inner: starts loading the first lines of child `i`'s words — a leaf's all of them —
    /// alongside the child object, instead of after it.
    @inline(__always) func prefetchChild(_ i: Int) {
        var line = UnsafeRawPointer(bitPattern: childWords[i])!
        for _ in 0..<Self.prefetchLines {
            pool_prefetch(line)
            line += 64
        }
    }
    /// Cache lines `prefetchChild` asks for: a whole leaf (header, separators, both lanes).
    static let prefetchLines = (headerWords + leafGroups + 2 * leafSlots + 7) / 8

    /// Inner: records child `i`'s words address (after the child at `i` changed).
    @inline(__always) func noteChildWords(_ i: Int) {
        childWords[i] = Int(bitPattern: kids![i].words)
    }
}
