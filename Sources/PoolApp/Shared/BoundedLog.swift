/// A log that keeps only its newest entries: the apps' event logs and fragmentation sparklines,
/// which grow with every action and would otherwise grow without end.
package struct BoundedLog<Entry: Sendable>: Sendable {
    /// Most entries kept; older ones are dropped.
    package let capacity: Int
    /// The entries kept, oldest first.
    package private(set) var entries: [Entry]

    /// A log of at most `capacity` entries, starting with `entries` (their newest `capacity`).
    package init(capacity: Int, _ entries: [Entry] = []) {
        precondition(capacity > 0, "a log keeps at least one entry")
        self.capacity = capacity
        self.entries = Array(entries.suffix(capacity))
    }

    /// Adds `entry` as the newest, dropping the oldest when the log is full.
    /// - Complexity: amortized O(1) while not full, O(capacity) once full.
    package mutating func append(_ entry: Entry) {
        entries.append(entry)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }

    /// Empties the log.
    package mutating func removeAll() {
        entries.removeAll()
    }
}
