/// A key and what it does, for the footer and the help overlay. Each app owns its list of
/// keys; the renderer draws the hints it is given.
public struct KeyHint: Equatable, Hashable, Sendable {
    /// The key as shown, e.g. `a`, `←/→ h/l`, `PgUp/PgDn`.
    public var keys: String
    /// What it does, e.g. `alloc`, `select previous/next block`.
    public var action: String

    /// Creates the hint that `keys` do `action`.
    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}
