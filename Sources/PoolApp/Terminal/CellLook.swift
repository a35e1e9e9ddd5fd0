/// How one cell looks on a terminal: colours from the terminal's palette and attributes.
public struct CellLook: Hashable, Sendable {
    /// A palette index (0–7 for eight colours, 0–255 for 256), or nil for the terminal's default.
    public var foreground: Int?
    /// A palette index, or nil for the terminal's default background.
    public var background: Int?
    public var attributes: CellAttributes

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
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = CellAttributes(rawValue: 1 << 0)
    public static let dim = CellAttributes(rawValue: 1 << 1)
    public static let reverse = CellAttributes(rawValue: 1 << 2)
    public static let underline = CellAttributes(rawValue: 1 << 3)
}
