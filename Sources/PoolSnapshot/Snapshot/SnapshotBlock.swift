/// A piece of a segment: in use by a tensor, awaiting its stream before it is free, or free.
public struct SnapshotBlock: Equatable, Sendable {
    /// PyTorch's `state` of a block: `active_allocated`, `active_awaiting_free`, `inactive`, or
    /// another name kept as it is.
    public enum State: Equatable, Sendable {
        case activeAllocated
        case activeAwaitingFree
        case inactive
        /// A state this reader does not know, kept by name.
        case other(String)

        init(_ name: String) {
            switch name {
            case "active_allocated": self = .activeAllocated
            case "active_awaiting_free": self = .activeAwaitingFree
            case "inactive": self = .inactive
            default: self = .other(name)
            }
        }

        /// Whether the block holds memory a program still uses (allocated, or freed but
        /// awaiting its stream).
        public var isActive: Bool { self == .activeAllocated || self == .activeAwaitingFree }
    }

    /// The block's device address: the file's `address`, else (older files) its segment's
    /// address plus the sizes of the blocks before it.
    public var address: Int
    /// The block's bytes, as the allocator rounded them.
    public var size: Int
    /// The size the program asked for (`size` is it rounded up); `size` when the file omits it.
    public var requestedSize: Int
    /// Whether the block is in use, awaiting its stream, or free.
    public var state: State
    /// Where it was allocated, innermost frame first; empty when the file has none.
    public var frames: [StackFrame]

    /// Creates a block; `frames` is empty when the file has none.
    public init(address: Int, size: Int, requestedSize: Int, state: State, frames: [StackFrame] = []) {
        self.address = address
        self.size = size
        self.requestedSize = requestedSize
        self.state = state
        self.frames = frames
    }
}
