/// The free entries of a pool ordered by (length, start): what best fit searches.
///
/// A B+-tree built from nested arrays: a leaf holds up to `capacity` keys in ascending order;
/// an inner node holds up to `capacity` children and, for each, the largest key below it. All
/// leaves are at the same depth, and no node but the root is empty. Because the nodes are
/// values held in arrays, copy-on-write comes with them: a copy of the index shares every
/// node, and a mutation copies only the arrays on its path that another copy still holds, so
/// a snapshot costs O(capacity · log n) per mutation, as the block tree's do.
///
/// `MemoryPool` keeps it in step with its block tree while its policy is best fit (and has
/// none otherwise): each carve removes the key of the free entry it used and adds the key of
/// what stayed free after the block; each free removes the keys of the free neighbours it
/// merged with and adds the key of the merged run.
struct SizeIndex: Sendable {
    /// One free entry, ordered by length, then by start.
    struct Key: Comparable, Sendable {
        var length: Int
        var start: Int

        static func < (a: Key, b: Key) -> Bool {
            a.length != b.length ? a.length < b.length : a.start < b.start
        }
    }

    /// A leaf (no children) or an inner node.
    struct Node: Sendable {
        /// Leaf: the keys, ascending. Inner: the largest key below each child, ascending.
        var keys: [Key] = []
        /// Inner: the children. Empty for a leaf.
        var children: [Node] = []

        var isLeaf: Bool { children.isEmpty }
    }

    /// Keys per leaf and children per inner node, at most.
    static let capacity = 64

    private(set) var root = Node()
    /// Keys in the index.
    private(set) var count = 0

    /// An index of `keys`, which must be ascending, with leaves and inner nodes three quarters
    /// full.
    /// - Complexity: O(n).
    init(sorted keys: [Key]) {
        count = keys.count
        guard !keys.isEmpty else { return }
        let fill = Self.capacity * 3 / 4
        var level = stride(from: 0, to: keys.count, by: fill).map { first in
            Node(keys: Array(keys[first..<min(first + fill, keys.count)]))
        }
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: fill).map { first in
                let children = Array(level[first..<min(first + fill, level.count)])
                return Node(keys: children.map { $0.keys.last! }, children: children)
            }
        }
        root = level[0]
    }

    // MARK: Queries

    /// The smallest key of at least `size` bytes whose entry holds `size` bytes at a multiple
    /// of `align`: best fit's choice. The keys are read in order, each leaf from where the
    /// search entered it, so a key that does not fit costs O(1) and a leaf O(log n).
    /// - Complexity: O(log n + k), k counting the keys passed over because their entries have
    ///   no aligned offset with room.
    func bestFit(size: Int, align: Int) -> Key? {
        Self.bestFit(in: root, from: Key(length: size, start: 0), size: size, align: align)
    }

    private static func bestFit(in node: Node, from key: Key, size: Int, align: Int) -> Key? {
        var i = lowerBound(node.keys, key)
        if node.isLeaf {
            while i < node.keys.count {
                let candidate = node.keys[i]
                if BlockNode.fits(start: candidate.start, length: candidate.length, size: size, align: align) {
                    return candidate
                }
                i += 1
            }
            return nil
        }
        while i < node.children.count {
            if let found = bestFit(in: node.children[i], from: key, size: size, align: align) { return found }
            i += 1
        }
        return nil
    }

    /// Whether `key` is in the index.
    /// - Complexity: O(log n).
    func contains(_ key: Key) -> Bool {
        var node = root
        while !node.isLeaf {
            let i = Self.lowerBound(node.keys, key)
            guard i < node.children.count else { return false }
            node = node.children[i]
        }
        let i = Self.lowerBound(node.keys, key)
        return i < node.keys.count && node.keys[i] == key
    }

    /// Every key, ascending.
    /// - Complexity: O(n).
    var keys: [Key] {
        var out: [Key] = []
        out.reserveCapacity(count)
        func visit(_ node: Node) {
            if node.isLeaf { out += node.keys } else { node.children.forEach(visit) }
        }
        visit(root)
        return out
    }

    /// Bytes of the index's arrays (capacity × stride and a header each), counted whole even
    /// when another copy shares them.
    /// - Complexity: O(n / capacity).
    var ownedBytes: Int {
        func visit(_ node: Node) -> Int {
            var bytes = 32 + node.keys.capacity * MemoryLayout<Key>.stride
            if !node.isLeaf {
                bytes += 32 + node.children.capacity * MemoryLayout<Node>.stride
                for child in node.children { bytes += visit(child) }
            }
            return bytes
        }
        return visit(root)
    }

    /// The first position in `keys` (ascending) whose key is at least `key`.
    /// - Complexity: O(log capacity), a fixed number of halvings without a branch on the keys.
    private static func lowerBound(_ keys: [Key], _ key: Key) -> Int {
        keys.withUnsafeBufferPointer { buffer in
            var base = 0
            var length = buffer.count
            while length > 1 {
                let half = length / 2
                base = buffer[base + half - 1] < key ? base + half : base
                length -= half
            }
            return length == 1 && buffer[base] < key ? base + 1 : base
        }
    }

    // MARK: Changes

    /// Adds `key`, which must not be in the index.
    /// - Complexity: O(log n).
    mutating func insert(_ key: Key) {
        count += 1
        guard let right = Self.insert(key, into: &root) else { return }
        let left = root
        root = Node(keys: [left.keys.last!, right.keys.last!], children: [left, right])
    }

    /// Removes `key`, which must be in the index.
    /// - Complexity: O(log n).
    mutating func remove(_ key: Key) {
        count -= 1
        Self.remove(key, from: &root)
        while root.children.count == 1 { root = root.children[0] }
    }

    /// Inserts below `node`.
    /// - Returns: `node`'s new right sibling when it had to split.
    private static func insert(_ key: Key, into node: inout Node) -> Node? {
        var i = lowerBound(node.keys, key)
        if node.isLeaf {
            node.keys.insert(key, at: i)
        } else {
            if i == node.keys.count { i -= 1 }  // above every key: the last child takes it
            if let right = insert(key, into: &node.children[i]) {
                node.children.insert(right, at: i + 1)
                node.keys.insert(right.keys.last!, at: i + 1)
            }
            node.keys[i] = node.children[i].keys.last!
        }
        guard node.keys.count > capacity else { return nil }
        let half = node.keys.count / 2
        let right = Node(keys: Array(node.keys[half...]), children: node.isLeaf ? [] : Array(node.children[half...]))
        node.keys.removeSubrange(half...)
        if !node.isLeaf { node.children.removeSubrange(half...) }
        return right
    }

    /// Removes from below `node`; a child left empty goes, and one left small is joined with a
    /// neighbour when both fit in one node.
    private static func remove(_ key: Key, from node: inout Node) {
        let i = lowerBound(node.keys, key)
        precondition(i < node.keys.count, "the size index lacks a free entry")
        if node.isLeaf {
            precondition(node.keys[i] == key, "the size index lacks a free entry")
            node.keys.remove(at: i)
            return
        }
        remove(key, from: &node.children[i])
        if node.children[i].keys.isEmpty {
            node.children.remove(at: i)
            node.keys.remove(at: i)
            return
        }
        node.keys[i] = node.children[i].keys.last!
        guard node.children[i].keys.count < capacity / 4, node.children.count > 1 else { return }
        let left = i + 1 < node.children.count ? i : i - 1
        guard node.children[left].keys.count + node.children[left + 1].keys.count <= capacity else { return }
        let right = node.children.remove(at: left + 1)
        node.keys.remove(at: left + 1)
        node.children[left].keys += right.keys
        node.children[left].children += right.children
        node.keys[left] = node.children[left].keys.last!
    }

    // MARK: Checks

    /// Stops the program when the structure is broken: keys out of order, an inner key that
    /// is not its child's largest, an empty node but the root, leaves at different depths, or
    /// `count` wrong.
    /// - Complexity: O(n).
    func verify() {
        var leafDepth = -1
        var seen = 0
        func visit(_ node: Node, depth: Int, isRoot: Bool) {
            precondition(isRoot || !node.keys.isEmpty, "size index: empty node")
            precondition(node.keys.count <= Self.capacity, "size index: node over capacity")
            for k in node.keys.indices.dropFirst() {
                precondition(node.keys[k - 1] < node.keys[k], "size index: keys out of order")
            }
            if node.isLeaf {
                if leafDepth < 0 { leafDepth = depth }
                precondition(leafDepth == depth, "size index: leaves at different depths")
                seen += node.keys.count
                return
            }
            precondition(node.children.count == node.keys.count, "size index: a child without its key")
            for (child, key) in zip(node.children, node.keys) {
                precondition(child.keys.last == key, "size index: an inner key is not its child's largest")
                visit(child, depth: depth + 1, isRoot: false)
            }
        }
        visit(root, depth: 0, isRoot: true)
        precondition(seen == count, "size index: count \(count), keys \(seen)")
    }
}
