/// One line of a side panel an app writes itself (the quiz's question and score): runs of text,
/// each with its style.
public struct PanelText: Equatable, Sendable {
    /// One run of text in one style.
    public struct Run: Equatable, Sendable {
        public var text: String
        public var style: CellStyle

        public init(_ text: String, _ style: CellStyle = .plain) {
            self.text = text
            self.style = style
        }
    }

    public var runs: [Run]

    public init(_ runs: [Run]) {
        self.runs = runs
    }

    /// A line of one run.
    public init(_ text: String, _ style: CellStyle = .plain) {
        runs = [Run(text, style)]
    }

    /// An empty line.
    public static let blank = PanelText([])
}
