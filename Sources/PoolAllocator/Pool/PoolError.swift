/// Why a pool operation was refused. A refused operation changes nothing.
public enum PoolError: Error, Equatable, Sendable {
    /// A pool must hold at least one byte.
    case invalidPoolSize(Int)
    /// Allocation sizes are positive.
    case invalidSize(Int)
    /// Alignments are positive.
    case invalidAlignment(Int)
    /// The offset is negative or not below the pool's total size.
    case offsetOutOfRange(Int)
    /// The offset lies inside a live block (or inside its padding) but is not where it starts.
    case notBlockStart(Int)
    /// The offset lies in free space: it was never allocated, or it was already freed.
    case notAllocated(Int)
    /// `place` was asked for bytes `offset ..< offset + size` that do not lie inside one free
    /// block (some of them are in use, or beyond the pool's end).
    case rangeNotFree(offset: Int, size: Int)
}

extension PoolError: CustomStringConvertible {
    /// The refusal in words, as the event log and the reports print it.
    public var description: String {
        switch self {
        case .invalidPoolSize(let size):
            return "invalid pool size \(size): a pool must hold at least 1 byte"
        case .invalidSize(let size):
            return "invalid size \(size): sizes must be at least 1 byte"
        case .invalidAlignment(let alignment):
            return "invalid alignment \(alignment): alignments must be at least 1"
        case .offsetOutOfRange(let offset):
            return "offset \(offset) is outside the pool"
        case .notBlockStart(let offset):
            return "offset \(offset) is inside a block but not at its start"
        case .notAllocated(let offset):
            return "offset \(offset) is not allocated (never allocated, or already freed)"
        case .rangeNotFree(let offset, let size):
            return "bytes \(offset) ..< \(offset) + \(size) do not lie inside one free block"
        }
    }
}
