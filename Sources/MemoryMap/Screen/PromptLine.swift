/// The prompt line while the user types an argument (`a`: size, `A`: size and alignment).
public struct PromptLine: Equatable, Hashable, Sendable {
    /// What is asked, e.g. `alloc size` or `alloc SIZE ALIGN`.
    public var label: String
    /// What has been typed so far.
    public var text: String
    /// Why the last Enter was refused, e.g. `"abc" is not a size`; shown in `.error` style.
    public var error: String?

    /// Creates the prompt asking for `label`, with `text` typed so far and the last refusal.
    public init(label: String, text: String = "", error: String? = nil) {
        self.label = label
        self.text = text
        self.error = error
    }
}
