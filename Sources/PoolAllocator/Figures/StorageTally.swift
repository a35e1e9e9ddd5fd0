/// Bytes of copy-on-write storage counted once however many snapshots share it: what keeping
/// many snapshots of pools (and of other copy-on-write values) really costs.
///
/// Storage is known by its address: a node object, an array's buffer. Whoever counts into a
/// tally must keep every value it counted alive while the tally is in use, so that no address
/// it holds is freed and handed out again; to forget values, start a new tally and count what
/// is still kept.
package struct StorageTally: Sendable {
    /// Addresses of the storage counted so far.
    private var counted: Set<Int> = []
    /// Bytes counted so far.
    package private(set) var bytes = 0

    /// An empty tally.
    package init() {}

    /// Counts `size` bytes of storage at `address`, unless that storage was counted already.
    /// - Returns: whether it was new (a caller skips what new storage refers to otherwise: it
    ///   was counted with it).
    /// - Complexity: O(1) expected.
    @discardableResult
    package mutating func count(address: Int, bytes size: Int) -> Bool {
        guard counted.insert(address).inserted else { return false }
        bytes += size
        return true
    }

    /// Counts `object`, of `size` bytes, unless it was counted already; returns whether it was new.
    @discardableResult
    package mutating func count(_ object: AnyObject, bytes size: Int) -> Bool {
        count(address: Int(bitPattern: ObjectIdentifier(object)), bytes: size)
    }

    /// Counts `array`'s buffer (its capacity and a header), unless it was counted already;
    /// an empty array holds no storage of its own and counts nothing.
    /// - Returns: whether it was new.
    @discardableResult
    package mutating func count<Element>(buffer array: [Element]) -> Bool {
        guard array.capacity > 0 else { return false }
        let address = array.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
        return count(address: address, bytes: Self.arrayHeaderBytes + array.capacity * MemoryLayout<Element>.stride)
    }

    /// Adds `size` bytes of storage that cannot be told apart from other snapshots' (it is
    /// counted as held alone).
    package mutating func add(unshared size: Int) {
        bytes += size
    }

    /// An array buffer's header: its object header, count and capacity.
    static let arrayHeaderBytes = 32
}
