/// One line of a side panel an app writes itself (the quiz's question and score): runs of text,
/// each with its style.
public struct PanelText: Equatable, Sendable {
    /// One run of text in one style.
    public struct Run: Equatable, Sendable {
        /// The text.
        public var text: String
        /// How it is drawn.
        public var style: CellStyle

        /// Creates a run of `text` in `style`.
        public init(_ text: String, _ style: CellStyle = .plain) {
            self.text = text
            self.style = style
        }
    }

    /// The runs, left to right.
    public var runs: [Run]

    /// Creates the line from its runs.
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
