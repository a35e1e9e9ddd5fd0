/// A hash map from non-negative `Int` keys to `Int` values: trace ids to offsets and back, for
/// runs of millions of operations.
///
/// `Dictionary` hashes every key with SipHash, which is built to resist chosen keys; ids and
/// offsets are not chosen by an adversary who could gain anything, and hashing them dominated
/// a trace's run. This is open addressing with linear probing: a key's home slot comes from a
/// Fibonacci multiply, and removal shifts the following entries back, so there are no
/// tombstones and lookups stay short. A value type: copies share storage until one changes
/// (the arrays are copy-on-write), so runner checkpoints stay cheap.
public struct IntMap: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// `empty` marks a free slot; keys are never negative.
    private static let empty = -1
    private var keys: [Int]
    private var values: [Int]
    /// Entries held.
    public private(set) var count = 0
    /// `keys.count - 1`; the table's size is a power of two.
    private var mask: Int

    /// An empty map.
    public init() {
        keys = Array(repeating: Self.empty, count: 8)
        values = Array(repeating: 0, count: 8)
        mask = 7
    }

    public init(dictionaryLiteral elements: (Int, Int)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }

    public var isEmpty: Bool { count == 0 }

    @inline(__always) private func home(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always) private func slot(of key: Int) -> Int {
        var index = home(key)
        while true {
            let found = keys[index]
            if found == key || found == Self.empty { return index }
            index = (index &+ 1) & mask
        }
    }

    /// The value for `key` (a non-negative key), or nil; setting nil removes it.
    /// - Complexity: O(1) expected.
    public subscript(key: Int) -> Int? {
        get {
            guard key >= 0 else { return nil }
            let index = slot(of: key)
            return keys[index] == key ? values[index] : nil
        }
        set {
            precondition(key >= 0, "IntMap keys are never negative")
            guard let newValue else {
                removeValue(forKey: key)
                return
            }
            var index = slot(of: key)
            if keys[index] == key {
                values[index] = newValue
                return
            }
            if (count + 1) * 4 > keys.count * 3 {
                grow()
                index = slot(of: key)
            }
            keys[index] = key
            values[index] = newValue
            count += 1
        }
    }

    /// Removes `key`, returning its value if it was there.
    /// - Complexity: O(1) expected.
    @discardableResult
    public mutating func removeValue(forKey key: Int) -> Int? {
        guard key >= 0 else { return nil }
        var hole = slot(of: key)
        guard keys[hole] == key else { return nil }
        let removed = values[hole]
        // Backward shift: move each following entry of the run into the hole when its home
        // slot allows, so that no probe ever stops early at the gap.
        var next = (hole &+ 1) & mask
        while keys[next] != Self.empty {
            let want = home(keys[next])
            // `next` may move to `hole` when its home is not cyclically in (hole, next].
            let distanceToHole = (next &- hole) & mask
            let distanceToHome = (next &- want) & mask
            if distanceToHome >= distanceToHole {
                keys[hole] = keys[next]
                values[hole] = values[next]
                hole = next
            }
            next = (next &+ 1) & mask
        }
        keys[hole] = Self.empty
        count -= 1
        return removed
    }

    /// Calls `body` with every entry, in no particular order.
    /// - Complexity: O(capacity).
    public func forEach(_ body: (_ key: Int, _ value: Int) -> Void) {
        for index in keys.indices where keys[index] != Self.empty { body(keys[index], values[index]) }
    }

    /// Every entry, in no particular order.
    public var entries: [(key: Int, value: Int)] {
        var out: [(key: Int, value: Int)] = []
        out.reserveCapacity(count)
        forEach { out.append(($0, $1)) }
        return out
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for index in oldKeys.indices where oldKeys[index] != Self.empty {
            let slot = slot(of: oldKeys[index])
            keys[slot] = oldKeys[index]
            values[slot] = oldValues[index]
        }
    }

    /// Two maps are equal when they hold the same entries, whatever their capacities.
    public static func == (lhs: IntMap, rhs: IntMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var same = true
        lhs.forEach { key, value in if same, rhs[key] != value { same = false } }
        return same
    }
}
