/// A list of `Int`s kept in 32 bits each while every one fits, in 64 once one does not: half
/// the bytes for the offsets, lengths and ids of any pool below 2 GiB, the same values for any.
/// For compact snapshots, which are written once in order and read once in order.
package struct PackedInts: Sendable {
    /// The values while all of them fit in 32 bits.
    private var narrow: [Int32] = []
    /// All the values, once one did not fit (`narrow` is then empty).
    private var wide: [Int] = []
    private var isWide = false

    /// An empty list with room for `capacity` values of 32 bits.
    package init(capacity: Int) {
        narrow.reserveCapacity(capacity)
    }

    /// Values held.
    package var count: Int { isWide ? wide.count : narrow.count }

    /// Appends `value`, widening the list first if it needs more than 32 bits.
    /// - Complexity: O(1) amortized; O(count) once, when the list widens.
    @inline(__always) package mutating func append(_ value: Int) {
        if !isWide, let small = Int32(exactly: value) {
            narrow.append(small)
            return
        }
        if !isWide {
            wide = narrow.map(Int.init)
            wide.reserveCapacity(narrow.capacity)
            narrow = []
            isWide = true
        }
        wide.append(value)
    }

    /// Appends `values` in order, checking them all at once (a leaf's lane, say).
    /// - Complexity: O(values.count) amortized.
    package mutating func append(contentsOf values: UnsafeBufferPointer<Int>) {
        var fits = true
        for value in values { fits = fits && value >= Int(Int32.min) && value <= Int(Int32.max) }
        if !isWide, fits {
            narrow.append(contentsOf: values.lazy.map { Int32(truncatingIfNeeded: $0) })
        } else {
            for value in values { append(value) }
        }
    }

    /// The value at `index` (in `0..<count`).
    @inline(__always) package subscript(index: Int) -> Int {
        isWide ? wide[index] : Int(narrow[index])
    }

    /// Counts into `tally` the list's buffer (never shared with another list's).
    package func countStorage(in tally: inout StorageTally) {
        tally.count(buffer: narrow)
        tally.count(buffer: wide)
    }
}
