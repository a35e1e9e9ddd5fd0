import CPrefetch
import PoolAllocator

/// A hash map from non-negative `Int` keys to `Int` values: trace ids to offsets and back, for
/// runs of millions of operations.
///
/// `Dictionary` hashes every key with SipHash, which is built to resist chosen keys; ids and
/// offsets are not chosen by an adversary who could gain anything, and hashing them dominated
/// a trace's run. This is open addressing with linear probing: a key's home slot comes from a
/// Fibonacci multiply, and removal shifts the following entries back, so there are no
/// tombstones and lookups stay short.
///
/// A value type whose copies share storage until one changes: the table is cut into chunks of
/// 256 slots, each its own copy-on-write object (`IntMapChunk`), so a change to a copy copies
/// one chunk (4 KiB) and the list of chunks, not the table. Runner checkpoints that differ by a few
/// operations share almost all of it.
///
/// `@unchecked Sendable` because its chunks are `ManagedBuffer`s, which the standard library does
/// not mark `Sendable`; a chunk is only written while one map holds it, so copies sent to other
/// threads never see a write.
package struct IntMap: @unchecked Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// `empty` marks a free slot; keys are never negative.
    private static let empty = -1
    /// Slots per chunk: `1 << chunkShift` (a table smaller than that is one chunk).
    private static let chunkShift = 8
    private static let chunkMask = (1 << chunkShift) - 1
    /// The table, chunk by chunk: slot `i` is chunk `i >> chunkShift`, whose words
    /// `2 (i & chunkMask)` and the next hold its key and its value.
    private var chunks: [IntMapChunk]
    /// Entries held.
    package private(set) var count = 0
    /// The table's slots minus one; the table's size is a power of two.
    private var mask: Int

    /// An empty map.
    package init() {
        self.init(slots: 8)
    }

    /// An empty map of `capacity` slots (a power of two, at least 8), such as another map's
    /// `capacity`: entries inserted in that map's `forEach` order then fill the table nearly in
    /// order, and it grows when that map would.
    package init(capacity: Int) {
        precondition(capacity >= 8 && capacity & (capacity - 1) == 0, "an IntMap's capacity is a power of two")
        self.init(slots: capacity)
    }

    /// The table's slots: a power of two, at least a third more than `count`.
    package var capacity: Int { mask + 1 }

    /// An empty map of `slots` slots (a power of two).
    private init(slots: Int) {
        let perChunk = min(slots, 1 << Self.chunkShift)
        chunks = (0..<slots / perChunk).map { _ in IntMapChunk.make(words: 2 * perChunk, emptyKey: Self.empty) }
        mask = slots - 1
    }

    package init(dictionaryLiteral elements: (Int, Int)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }

    package var isEmpty: Bool { count == 0 }

    @inline(__always) private func home(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always) private func key(at slot: Int) -> Int {
        chunks[slot &>> Self.chunkShift][(slot & Self.chunkMask) &<< 1]
    }

    @inline(__always) private func value(at slot: Int) -> Int {
        chunks[slot &>> Self.chunkShift][(slot & Self.chunkMask) &<< 1 &+ 1]
    }

    /// Writes `slot`, first copying its chunk when another map shares it.
    @inline(__always) private mutating func set(_ slot: Int, key: Int, value: Int) {
        let index = slot &>> Self.chunkShift
        if !isKnownUniquelyReferenced(&chunks[index]) { chunks[index] = chunks[index].copy() }
        let chunk = chunks[index]
        let word = (slot & Self.chunkMask) &<< 1
        chunk[word] = key
        chunk[word &+ 1] = value
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always) private func slot(of key: Int) -> Int {
        var index = home(key)
        while true {
            let found = self.key(at: index)
            if found == key || found == Self.empty { return index }
            index = (index &+ 1) & mask
        }
    }

    /// Asks the CPU to start loading the slot where a lookup of `key` begins, so that a lookup
    /// made a little later (the next step of a run) does not wait for memory: on a table of
    /// megabytes nearly every lookup otherwise misses the cache. Changes nothing observable.
    @inline(__always) package func prefetch(_ key: Int) {
        guard key >= 0 else { return }
        let slot = home(key)
        // The address from the chunk's, unretained: going through the chunk's pointer to its
        // words retained it around the hint, which read (and wrote) the very header line a
        // lookup no longer reads.
        let chunk = Unmanaged.passUnretained(chunks[slot &>> Self.chunkShift]).toOpaque()
        pool_prefetch(chunk + IntMapChunk.wordsOffset + (slot & Self.chunkMask) &<< 4)
    }

    /// The value for `key` (a non-negative key), or nil; setting nil removes it.
    /// - Complexity: O(1) expected.
    package subscript(key: Int) -> Int? {
        get {
            guard key >= 0 else { return nil }
            let index = slot(of: key)
            return self.key(at: index) == key ? value(at: index) : nil
        }
        set {
            precondition(key >= 0, "IntMap keys are never negative")
            guard let newValue else {
                removeValue(forKey: key)
                return
            }
            var index = slot(of: key)
            if self.key(at: index) == key {
                set(index, key: key, value: newValue)
                return
            }
            if (count + 1) * 4 > (mask + 1) * 3 {
                grow()
                index = slot(of: key)
            }
            set(index, key: key, value: newValue)
            count += 1
        }
    }

    /// Removes `key`, returning its value if it was there.
    /// - Complexity: O(1) expected.
    @discardableResult
    package mutating func removeValue(forKey key: Int) -> Int? {
        guard key >= 0 else { return nil }
        var hole = slot(of: key)
        guard self.key(at: hole) == key else { return nil }
        let removed = value(at: hole)
        // Backward shift: move each following entry of the run into the hole when its home
        // slot allows, so that no probe ever stops early at the gap.
        var next = (hole &+ 1) & mask
        var moving = self.key(at: next)
        while moving != Self.empty {
            let want = home(moving)
            // `next` may move to `hole` when its home is not cyclically in (hole, next].
            let distanceToHole = (next &- hole) & mask
            let distanceToHome = (next &- want) & mask
            if distanceToHome >= distanceToHole {
                set(hole, key: moving, value: value(at: next))
                hole = next
            }
            next = (next &+ 1) & mask
            moving = self.key(at: next)
        }
        set(hole, key: Self.empty, value: 0)
        count -= 1
        return removed
    }

    /// Calls `body` with every entry, in no particular order.
    /// - Complexity: O(capacity).
    package func forEach(_ body: (_ key: Int, _ value: Int) -> Void) {
        for chunk in chunks {
            for word in stride(from: 0, to: chunk.wordCount, by: 2) where chunk[word] != Self.empty {
                body(chunk[word], chunk[word + 1])
            }
        }
    }

    /// Every entry, in no particular order.
    package var entries: [(key: Int, value: Int)] {
        var out: [(key: Int, value: Int)] = []
        out.reserveCapacity(count)
        forEach { out.append(($0, $1)) }
        return out
    }

    private mutating func grow() {
        let old = self
        self = IntMap(slots: (mask + 1) * 2)
        count = old.count
        old.forEach { key, value in set(slot(of: key), key: key, value: value) }
    }

    /// Counts into `tally` the chunks (and the list of them) no map counted before holds: what
    /// this copy adds to the copies counted already.
    /// - Complexity: O(chunks), nothing when the list itself was counted.
    package func countStorage(in tally: inout StorageTally) {
        guard tally.count(buffer: chunks) else { return }
        for chunk in chunks { tally.count(chunk, bytes: chunk.byteCount) }
    }

    /// Two maps are equal when they hold the same entries, whatever their capacities.
    package static func == (lhs: IntMap, rhs: IntMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var same = true
        lhs.forEach { key, value in if same, rhs[key] != value { same = false } }
        return same
    }
}
