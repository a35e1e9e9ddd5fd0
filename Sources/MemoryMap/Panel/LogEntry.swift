/// One line of the event log: an operation and its result.
public struct LogEntry: Equatable, Hashable, Sendable {
    /// What happened, e.g. `alloc 256 B → 0x0100` or an `AllocationFailure.message`.
    public var text: String
    /// Whether the operation failed; failures are drawn in `.error` style with a `!` mark.
    public var isError: Bool

    /// Creates the entry; `isError` for a failed operation.
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
