/// Read-only searches for the free entry an allocation policy chooses; `carve(at:)` then
/// carves it. (First fit searches and carves in one descent: `carve(end:nodeMax:...)`.)
extension BlockNode {
    /// A free entry: where it starts and how many bytes it has.
    struct FreeEntry: Equatable {
        var start: Int
        var length: Int
    }

    /// Whether a free entry at `start` of `length` bytes holds `size` bytes at its lowest
    /// multiple of `align` (`length >= size` assumed). Never overflows.
    @inline(__always) static func fits(start: Int, length: Int, size: Int, align: Int) -> Bool {
        align == 1 || padding(start: start, align: align) <= length &- size
    }

    /// The lowest free entry below this node that ends above `floor`, has at least `need`
    /// bytes (`need >= size`) and holds `size` bytes at a multiple of `align`. Next fit asks
    /// with `need == size` from its rover, then from 0; worst fit with `need` the largest
    /// length, to find the lowest of the largest entries.
    ///
    /// Only children whose largest free entry has `need` bytes are entered, and only those
    /// whose range ends above `floor`: the one holding `floor`, then the ones after it. With
    /// `align` 1 the first child entered after the one holding `floor` holds the answer.
    /// - Complexity: O(log n) with `align` 1, else O((k + 1) log n) where k counts the entries
    ///   of at least `need` bytes passed over because no aligned offset has room.
    func firstFit(endingAbove floor: Int, need: Int, size: Int, align: Int) -> FreeEntry? {
        if isLeaf {
            // The entry holding `floor` ends above it; the ones before it do not.
            var j = floor >= starts[0] ? entryIndex(containing: floor) : 0
            let fitting = 0 &- need
            while true {
                while j < count, tags[j] > fitting { j &+= 1 }
                guard j < count else { return nil }
                let start = starts[j]
                let length = 0 &- tags[j]
                if Self.fits(start: start, length: length, size: size, align: align) {
                    return FreeEntry(start: start, length: length)
                }
                j &+= 1
            }
        }
        let first = floor >= starts[0] ? childIndex(containing: floor) : 0
        let skipsByRoom = align % Self.roomAlignment == 0 && kids![0].isLeaf
        // As in `carve`: bit masks of the groups, then the children, with room; here without
        // the groups and children before `first`.
        var groups = 0
        for g in 0..<Self.innerGroups { groups |= Self.bit(groupMax[g] >= need) &<< g }
        groups &= -1 &<< (first / Self.groupSlots)
        while groups != 0 {
            let base = groups.trailingZeroBitCount &* Self.groupSlots
            groups &= groups &- 1
            var children = 0
            for k in 0..<Self.groupSlots { children |= Self.bit(maxFree[base &+ k] >= need) &<< k }
            if base < first { children &= -1 &<< (first - base) }
            while children != 0 {
                let i = base &+ children.trailingZeroBitCount
                children &= children &- 1
                if skipsByRoom, roomBound[i] < size { continue }
                prefetchChild(i)
                let found = withChild(i) {
                    $0.firstFit(endingAbove: floor, need: need, size: size, align: align)
                }
                if let found { return found }
            }
        }
        return nil
    }

    /// The free entry below `root` with the most bytes that holds `size` bytes at a multiple
    /// of `align`; ties: the lowest. For aligned requests whose largest entries may all be
    /// misaligned (worst fit's hard case).
    ///
    /// A best-first search: subtrees wait in a heap keyed by their largest free entry (then by
    /// their start), and fitting entries by their length (then start); the first entry to come
    /// out is the answer, since nothing still waiting can hold a longer one, or one as long
    /// lower down.
    /// - Parameter rootMax: the root's largest free entry.
    /// - Complexity: O((k + 1) log n) subtrees opened, k counting the entries of at least
    ///   `size` bytes that come before the answer in (−length, start) order but have no aligned
    ///   offset with room, each opening O(slots) work and heap steps.
    static func largestFit(below root: BlockNode, rootMax: Int, size: Int, align: Int) -> FreeEntry? {
        var heap = CandidateHeap()
        heap.push(Candidate(length: rootMax, start: root.starts[0], node: root))
        let skipsByRoom = align % roomAlignment == 0
        while let top = heap.pop() {
            guard let node = top.node else { return FreeEntry(start: top.start, length: top.length) }
            if node.isLeaf {
                for j in 0..<node.count where node.tags[j] <= 0 &- size {
                    let start = node.starts[j]
                    let length = 0 &- node.tags[j]
                    if fits(start: start, length: length, size: size, align: align) {
                        heap.push(Candidate(length: length, start: start, node: nil))
                    }
                }
            } else {
                for i in 0..<node.count where node.maxFree[i] >= size {
                    if skipsByRoom, node.roomBound[i] < size { continue }
                    heap.push(Candidate(length: node.maxFree[i], start: node.starts[i], node: node.kids![i]))
                }
            }
        }
        return nil
    }

    /// A subtree (`node`) with its largest free entry, or a fitting free entry (`node` nil).
    struct Candidate {
        var length: Int
        var start: Int
        var node: BlockNode?

        /// Comes out of the heap before `other`: longer, or as long and lower.
        func precedes(_ other: Candidate) -> Bool {
            length != other.length ? length > other.length : start < other.start
        }
    }

    /// A binary heap of candidates, the one that `precedes` all others on top.
    struct CandidateHeap {
        private var items: [Candidate] = []

        mutating func push(_ item: Candidate) {
            items.append(item)
            var k = items.count - 1
            while k > 0 {
                let parent = (k - 1) / 2
                guard items[k].precedes(items[parent]) else { break }
                items.swapAt(k, parent)
                k = parent
            }
        }

        mutating func pop() -> Candidate? {
            guard !items.isEmpty else { return nil }
            let top = items[0]
            let last = items.removeLast()
            guard !items.isEmpty else { return top }
            items[0] = last
            var k = 0
            while true {
                var best = k
                for child in [2 * k + 1, 2 * k + 2] where child < items.count && items[child].precedes(items[best]) {
                    best = child
                }
                guard best != k else { return top }
                items.swapAt(k, best)
                k = best
            }
        }
    }
}
