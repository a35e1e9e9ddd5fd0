import CPrefetch

/// One node of the block tree: a leaf of entries, or an inner node of children with their
/// summaries. Nodes are classes so snapshots of a pool share them; a mutation copies only the
/// nodes on its path that are shared (`uniqueChild`, `MemoryPool.makeRootUnique`).
///
/// A **leaf** holds up to `slots` entries in address order. Entry `j` covers
/// `starts[j] ..< end(j)`, where `end(j)` is the next entry's start (or, for the last entry, the
/// start of the next leaf / the pool's end). `tags[j]` says what the entry is: a used entry's
/// alignment (> 0), or a free entry's length negated (< 0) — so a first-fit scan reads one word
/// per entry. A used entry holds a block whose padding comes first, then its payload. The
/// padding is not stored: a block always sits at the lowest multiple of its alignment at or
/// above its entry's start (`padding(start:align:)`), as `allocAligned` and `defragment` place
/// it and as a used entry's start never changes.
///
/// An **inner** node holds up to `slots` children; for child `i` it keeps its first byte
/// (`starts[i]`) and its summary: largest free entry (`maxFree`), payload bytes, padding bytes
/// and live blocks below it. It also keeps the largest `maxFree` of every group of
/// `groupSlots` children (`groupMax`) and of all of them (`largest`), so a search for the first
/// child with room reads the group maxima, then one group. It also keeps, per child, a bound on
/// the largest block the free entries below it can hold at a multiple of `roomAlignment`
/// (`roomBound`), so an aligned search skips leaves whose long free entries are all misaligned
/// without reading them.
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
    /// `starts[0]`, `starts[8]`, `starts[16]`, … (see `groupSlots`).
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
        words = .allocate(capacity: Self.headerWords + separatorWords + groupMaxWords + laneWords + (isLeaf ? 0 : slots))
        words.initialize(repeating: 0, count: Self.headerWords)
        separators = words + Self.headerWords
        groupMax = separators + separatorWords
        ints = groupMax + groupMaxWords
        // Unused slots hold their sentinels (see `starts`, `maxFree`), and so do separators.
        separators.initialize(repeating: .max, count: separatorWords)
        groupMax.initialize(repeating: 0, count: groupMaxWords)
        ints.initialize(repeating: .max, count: slots)
        (ints + slots).initialize(repeating: isLeaf ? .max : -1, count: slots)
        kids = isLeaf ? nil
            : UnsafeMutableRawPointer(ints + laneWords).bindMemory(to: BlockNode.self, capacity: slots)
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

    /// A copy holding the same entries (or sharing the same children).
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
    // Leaf lanes.
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
    /// `align` is 0 or 1). Never overflows: the gap is below `align`.
    @inline(__always) static func padding(start: Int, align: Int) -> Int {
        if align <= 1 { return 0 }
        if align & (align - 1) == 0 { return (0 &- start) & (align - 1) }
        let remainder = start % align
        return remainder == 0 ? 0 : align - remainder
    }
    // Inner lanes.
    /// Inner: the largest free entry below each child; -1 in every slot at or after `count`,
    /// so scans of a whole group need not look at `count`.
    @inline(__always) var maxFree: UnsafeMutablePointer<Int> { ints + slots }

    /// Puts the sentinels back into `n` slots from `first` on, which have just become unused:
    /// `Int.max` starts, and tags of no free entry (leaf) or -1 maxima (inner).
    @inline(__always) func clearSlots(from first: Int, count n: Int) {
        (starts + first).update(repeating: .max, count: n)
        (ints + slots + first).update(repeating: isLeaf ? .max : -1, count: n)
    }
    /// Inner: the address of child `i`'s words, so a descent can start loading them before
    /// the child object itself has arrived (`prefetchChild`).
    @inline(__always) var childWords: UnsafeMutablePointer<Int> { ints + 2 &* slots }
    @inline(__always) var payload: RecordField { RecordField(base: ints + 3 &* slots) }
    @inline(__always) var padding: RecordField { RecordField(base: ints + 3 &* slots + 1) }
    @inline(__always) var blocks: RecordField { RecordField(base: ints + 3 &* slots + 2) }
    /// Inner: at least the largest block any free entry below child `i` can hold at a multiple
    /// of `roomAlignment` (see `room(start:length:)`); for a leaf child, at least `leafRoom()`,
    /// for an inner child, at least its own largest bound. Raised when a free entry grows, left
    /// alone when one shrinks (it stays a bound), tightened when an aligned search finds no
    /// room below the child and whenever the child's summary is recomputed.
    @inline(__always) var roomBound: RecordField { RecordField(base: ints + 3 &* slots + 3) }

    /// Inner: starts loading the first lines of child `i`'s words — a leaf's all of them —
    /// alongside the child object, instead of after it.
    @inline(__always) func prefetchChild(_ i: Int) {
        var line = UnsafeRawPointer(bitPattern: childWords[i])!
        for _ in 0..<Self.prefetchLines {
            pool_prefetch(line)
            line += 64
        }
    }
    /// Cache lines `prefetchChild` asks for: a whole leaf.
    static let prefetchLines = (headerWords + leafGroups + 2 * leafSlots + 7) / 8

    /// Inner: records child `i`'s words address (after the child at `i` changed).
    @inline(__always) func noteChildWords(_ i: Int) {
        childWords[i] = Int(bitPattern: kids![i].words)
    }

    /// The alignment `roomBound` is kept for: 256 bytes, what GPU runtimes align every
    /// allocation to. A request aligned to any multiple of it can skip a leaf whose bound is
    /// below its size (a multiple of 256 is never reached with less padding).
    static let roomAlignment = 256

    /// The largest block a free entry at `start` of `length` bytes holds at a multiple of
    /// `roomAlignment` (negative when none fits).
    @inline(__always) static func room(start: Int, length: Int) -> Int {
        length &- padding(start: start, align: roomAlignment)
    }

    /// Leaf: one past entry `j`'s last byte, given the leaf's end.
    @inline(__always) func entryEnd(_ j: Int, leafEnd: Int) -> Int {
        j + 1 < count ? starts[j + 1] : leafEnd
    }

    /// Inner: one past child `i`'s last byte, given the node's end.
    @inline(__always) func childEnd(_ i: Int, nodeEnd: Int) -> Int {
        i + 1 < count ? starts[i + 1] : nodeEnd
    }

    // MARK: Searching

    /// Inner: the child whose range holds `offset` (`starts[0] <= offset` assumed).
    /// - Complexity: O(log slots).
    @inline(__always) func childIndex(containing offset: Int) -> Int {
        // Every step below runs a fixed number of times, whatever `count` (unused slots and
        // their separators hold `Int.max`), and a Bool's bits serve as 0/1: no branch to
        // mispredict. (Written as loops over `count`, the compiler turns the conditional adds
        // back into branches, each taken at random.)
        // First the group, from the separators: a few words read independently instead of a
        // chain of dependent probes across the whole lane (each a likely cache miss).
        var group = 0
        if isLeaf {
            for k in 1 ..< Self.leafGroups {
                group &+= Int(unsafeBitCast(separators[k] <= offset, to: UInt8.self))
            }
        } else {
            for k in 1 ..< Self.innerGroups {
                group &+= Int(unsafeBitCast(separators[k] <= offset, to: UInt8.self))
            }
        }
        // Then a binary search within the group's slots (one cache line), its three steps
        // written out for `groupSlots` = 8.
        var base = group &* Self.groupSlots
        base &+= 4 &* Int(unsafeBitCast(starts[base &+ 4] <= offset, to: UInt8.self))
        base &+= 2 &* Int(unsafeBitCast(starts[base &+ 2] <= offset, to: UInt8.self))
        base &+= Int(unsafeBitCast(starts[base &+ 1] <= offset, to: UInt8.self))
        return base
    }

    /// Recomputes the separators from `starts` (after slots moved).
    /// - Complexity: O(slots / groupSlots).
    @inline(__always) func refreshSeparators() {
        if isLeaf {
            for g in 0 ..< Self.leafGroups { separators[g] = starts[g &* Self.groupSlots] }
        } else {
            for g in 0 ..< Self.innerGroups { separators[g] = starts[g &* Self.groupSlots] }
        }
    }

    /// Sets `starts[i]`, keeping its separator in step.
    @inline(__always) func setStart(_ i: Int, _ value: Int) {
        starts[i] = value
        let g = i / Self.groupSlots
        separators[g] = i % Self.groupSlots == 0 ? value : separators[g]
    }

    /// Leaf: the entry holding `offset` (`starts[0] <= offset` assumed).
    @inline(__always) func entryIndex(containing offset: Int) -> Int {
        childIndex(containing: offset)
    }

    // MARK: Summaries

    /// Leaf: the largest free entry (0 when none is free). Branch-free over the tags.
    /// - Complexity: O(slots).
    func leafMaxFree() -> Int {
        // A fixed number of steps over every slot (unused ones hold `Int.max`, no free entry),
        // with two scalar minima side by side: without 64-bit vector compares (baseline
        // x86-64) the vectorized loop the optimizer would otherwise emit costs twice as much.
        let t = tags
        var low0 = 0, low1 = 0
        for j in stride(from: 0, to: Self.leafSlots, by: 2) {
            let a = t[j], b = t[j &+ 1]
            low0 = a < low0 ? a : low0
            low1 = b < low1 ? b : low1
        }
        return 0 &- (low0 < low1 ? low0 : low1)
    }

    /// Leaf: the largest block any free entry holds at a multiple of `roomAlignment` (0 when
    /// none). - Complexity: O(slots).
    func leafRoom() -> Int {
        var best = 0
        var j = 0
        while j < count {
            let tag = tags[j]
            let room = Self.room(start: starts[j], length: 0 &- tag)
            best = tag < 0 && room > best ? room : best
            j &+= 1
        }
        return best
    }

    /// Inner: the largest `roomBound` among the children. - Complexity: O(slots).
    func largestRoomBound() -> Int {
        var best = 0
        for i in 0..<count { best = max(best, roomBound[i]) }
        return best
    }

    /// The tightest bound this node can give its parent's `roomBound` from what it keeps.
    /// - Complexity: O(slots).
    func roomSummary() -> Int { isLeaf ? leafRoom() : largestRoomBound() }

    /// Inner: the largest `maxFree` among all children, also stored in the header.
    @inline(__always) var largest: Int {
        get { words[2] }
        set { words[2] = newValue }
    }

    /// Inner: recomputes group `g`'s largest `maxFree`. - Complexity: O(groupSlots).
    @inline(__always) func refreshGroupMax(_ g: Int) {
        let first = g &* Self.groupSlots
        var best = 0
        for i in first ..< first &+ Self.groupSlots {
            let value = maxFree[i]
            best = value > best ? value : best
        }
        groupMax[g] = best
    }

    /// Inner: the largest group maximum, stored as `largest`. - Complexity: O(slots / groupSlots).
    @inline(__always) func refreshLargest() -> Int {
        var best = 0
        for g in 0 ..< Self.innerGroups {
            let value = groupMax[g]
            best = value > best ? value : best
        }
        largest = best
        return best
    }

    /// Inner: the largest `maxFree` among the children, with every group maximum recomputed
    /// from scratch. Called after every change of the children's order.
    /// - Complexity: O(slots).
    @discardableResult
    func innerMaxFree() -> Int {
        for g in 0 ..< Self.innerGroups { refreshGroupMax(g) }
        return refreshLargest()
    }

    /// Inner: sets child `i`'s largest free entry to `value`.
    /// - Returns: this node's largest free entry afterwards.
    /// - Complexity: O(groupSlots + slots / groupSlots) when the value shrinks from a maximum,
    ///   else O(1).
    @inline(__always) func setMaxFree(ofChild i: Int, to value: Int) -> Int {
        let old = maxFree[i]
        maxFree[i] = value
        let g = i / Self.groupSlots
        if value >= old {
            if value > groupMax[g] { groupMax[g] = value }
            if value > largest { largest = value }
            return largest
        }
        guard old == groupMax[g] else { return largest }
        refreshGroupMax(g)
        guard old == largest else { return largest }
        return refreshLargest()
    }

    /// Largest free entry below this node, computed without touching any cache (for checks).
    func scannedMaxFree() -> Int {
        if isLeaf { return leafMaxFree() }
        var best = 0
        for i in 0..<count { best = max(best, maxFree[i]) }
        return best
    }

    /// Largest free entry below this node.
    func subtreeMaxFree() -> Int { isLeaf ? leafMaxFree() : innerMaxFree() }

    /// (payload, padding, blocks) below this node. - Complexity: O(slots).
    func subtreeSums(end: Int) -> (payload: Int, padding: Int, blocks: Int) {
        var payloadSum = 0, paddingSum = 0, blockSum = 0
        if isLeaf {
            for j in 0..<count where !isFree(j) {
                let gap = pad(j)
                payloadSum += entryEnd(j, leafEnd: end) - starts[j] - gap
                paddingSum += gap
                blockSum += 1
            }
        } else {
            for i in 0..<count {
                payloadSum += payload[i]
                paddingSum += padding[i]
                blockSum += blocks[i]
            }
        }
        return (payloadSum, paddingSum, blockSum)
    }

    /// Inner: recomputes child `i`'s whole summary from the child itself.
    func refreshSummary(ofChild i: Int, nodeEnd: Int) {
        let child = kids![i]
        let end = childEnd(i, nodeEnd: nodeEnd)
        setStart(i, child.starts[0])
        roomBound[i] = child.roomSummary()
        maxFree[i] = child.subtreeMaxFree()
        let sums = child.subtreeSums(end: end)
        payload[i] = sums.payload
        padding[i] = sums.padding
        blocks[i] = sums.blocks
    }

    // MARK: Editing

    /// Opens a gap at `index` in every lane (and the children), count += 1. Capacity assumed.
    func openSlot(at index: Int) {
        let moving = count - index
        if moving > 0 {
            for k in 0..<lanes {
                let (first, width) = lane(k)
                let base = first + index &* width
                (base + width).update(from: base, count: moving &* width)
            }
        }
        if let kids, moving > 0 { (kids + index + 1).moveInitialize(from: kids + index, count: moving) }
        count += 1
    }

    /// Removes slot `index` from every lane (and the child), count -= 1.
    func removeSlot(at index: Int) {
        let moving = count - index - 1
        if let kids { (kids + index).deinitialize(count: 1) }
        if moving > 0 {
            for k in 0..<lanes {
                let (first, width) = lane(k)
                let base = first + index &* width
                base.update(from: base + width, count: moving &* width)
            }
        }
        if let kids, moving > 0 { (kids + index).moveInitialize(from: kids + index + 1, count: moving) }
        count -= 1
        clearSlots(from: count, count: 1)
        refreshSeparators()
    }

    /// Leaf: inserts an entry at `index` with its tag (see `tags`). Capacity assumed.
    func insertEntry(at index: Int, start: Int, tag: Int) {
        openSlot(at: index)
        starts[index] = start
        tags[index] = tag
        refreshSeparators()
    }

    /// Inner: inserts `child` at `index` and computes its summary. Capacity assumed.
    func insertChild(_ child: BlockNode, at index: Int, nodeEnd: Int) {
        openSlot(at: index)
        (kids! + index).initialize(to: child)
        noteChildWords(index)
        refreshSummary(ofChild: index, nodeEnd: nodeEnd)
        refreshSeparators()
    }

    /// Moves slots `from...` into a new right sibling, keeping `0..<from` here.
    func splitOff(from index: Int) -> BlockNode {
        let right = BlockNode.make(isLeaf: isLeaf)
        let moving = count - index
        for k in 0..<lanes {
            let (first, width) = lane(k)
            (right.ints + (first - ints)).update(from: first + index * width, count: moving * width)
        }
        if let kids, let to = right.kids { to.moveInitialize(from: kids + index, count: moving) }
        right.count = moving
        count = index
        clearSlots(from: index, count: moving)
        refreshSeparators()
        right.refreshSeparators()
        return right
    }

    /// Appends every slot of `right` (which must fit) and empties it.
    func absorb(_ right: BlockNode) {
        for k in 0..<lanes {
            let (first, width) = lane(k)
            (first + count * width).update(from: right.ints + (first - ints), count: right.count * width)
        }
        if let kids, let from = right.kids { (kids + count).moveInitialize(from: from, count: right.count) }
        count += right.count
        right.clearSlots(from: 0, count: right.count)
        right.count = 0
        refreshSeparators()
        right.refreshSeparators()
    }

    /// Bytes this node owns: its object and its one buffer.
    var ownedBytes: Int {
        let object = 72  // header (16) and seven stored properties (`isLeaf` padded to a word)
        let words = Self.headerWords + Self.separatorWords(slots) + Self.groupMaxWords(isLeaf: isLeaf)
            + Self.wordsPerSlot(isLeaf: isLeaf) * slots + (isLeaf ? 0 : slots)
        let buffer = words * MemoryLayout<Int>.stride
        return object + buffer
    }
}
