/// How one cell looks on a terminal: colours from the terminal's palette and attributes.
public struct CellLook: Hashable, Sendable {
    /// A palette index (0–7 for eight colours, 0–255 for 256), or nil for the terminal's default.
    public var foreground: Int?
    /// A palette index, or nil for the terminal's default background.
    public var background: Int?
    /// Bold, dim, reverse, underline.
    public var attributes: CellAttributes

    /// Creates a look; by default the terminal's own colours, no attributes.
    public init(foreground: Int? = nil, background: Int? = nil, attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default look.
    public static let plain = CellLook()
}

/// Text attributes every terminal worth drawing on has (vt100 included).
public struct CellAttributes: OptionSet, Hashable, Sendable {
    /// The attribute bits.
    public let rawValue: UInt8
    /// Creates the set of the attributes whose bits `rawValue` has.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold (or bright) text.
    public static let bold = CellAttributes(rawValue: 1 << 0)
    /// Dim (faint) text.
    public static let dim = CellAttributes(rawValue: 1 << 1)
    /// Foreground and background swapped.
    public static let reverse = CellAttributes(rawValue: 1 << 2)
    /// Underlined text.
    public static let underline = CellAttributes(rawValue: 1 << 3)
}
