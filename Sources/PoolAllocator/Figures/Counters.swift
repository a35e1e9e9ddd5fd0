/// The pool-wide sums a mutation keeps up to date, so `stats` is O(1).
struct Counters: Equatable, Sendable {
    /// Bytes in live blocks, padding included.
    var used = 0
    var padding = 0
    var blocks = 0
    var freeBlocks = 0
}
