/// What a cell means; the front end maps each style to colours and attributes in one table.
/// Glyphs carry the meaning on their own: styles only add colour.
public enum CellStyle: Hashable, Sendable {
    case plain
    /// The title bar and section headings.
    case title
    /// Secondary text: offsets, labels, units.
    case dim
    /// Figures and other values that matter.
    case emphasis
    /// A live block's bytes; `alternate` tells neighbouring blocks apart.
    case used(alternate: Bool)
    /// The selected block's bytes.
    case selected
    /// The cell holding next fit's rover, where its next search starts.
    case rover
    /// Alignment padding (in a free-list heap: the bytes a request was rounded up by).
    case padding
    /// A free-list heap's block header: the bytes in front of what was asked for.
    case header
    /// Free bytes.
    case free
    /// A free- or padding-majority cell that still holds used bytes.
    case sliver
    /// A block that has just appeared (animation).
    case appearing
    /// A block that has just been freed (animation).
    case fading
    /// A block sliding to its new offset during a defragment (animation).
    case moving
    /// The search made visible: the free block the policy is looking at now.
    case candidate
    /// The search made visible: a free block with fewer bytes than the request (`×`).
    case tooSmall
    /// The search made visible: a free block with the bytes but not at the alignment (`≠`).
    case misaligned
    /// The search made visible: a free block the request fits in (`✓`).
    case fits
    /// The free block the user points at (the quiz's answer) and the block it would hold.
    case answer
    /// A recorded block whose free was requested and not yet completed: still in use
    /// (`RecordedLayout`).
    case pendingFree
    /// Bytes of a recorded address space that no segment holds at the moment shown.
    case unreserved
    /// The first cell of a recorded segment: where its bounds begin.
    case segmentStart
    case gaugeFilled
    case gaugeEmpty
    case sparkline
    case ok
    case warning
    case error
    /// A key name in the footer or help.
    case key
    /// The prompt line.
    case prompt
    /// The frame and body of an overlay (help).
    case overlay
}

/// One character cell of the screen.
public struct Cell: Equatable, Hashable, Sendable {
    /// The character shown, one column wide.
    public var character: Character
    /// What the cell means; the front end turns it into colours and attributes.
    public var style: CellStyle

    /// Creates the cell showing `character` in `style`.
    public init(_ character: Character, _ style: CellStyle = .plain) {
        self.character = character
        self.style = style
    }

    /// A space in the plain style: what a new grid is filled with.
    public static let blank = Cell(" ")
}

/// A screenful of cells, row-major: what the pure renderer produces and the front end copies
/// to the terminal. Every character is one column wide.
public struct Grid: Equatable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// The cells, row by row: the cell at `row`, `column` is at `row * width + column`.
    public private(set) var cells: [Cell]

    /// Creates a grid of `width` × `height` cells of `fill` (a negative size counts as 0).
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The cell at `row`, `column`; writes outside the grid are ignored, reads give a blank.
    public subscript(row: Int, column: Int) -> Cell {
        get {
            guard row >= 0, row < height, column >= 0, column < width else { return .blank }
            return cells[row * width + column]
        }
        set {
            guard row >= 0, row < height, column >= 0, column < width else { return }
            cells[row * width + column] = newValue
        }
    }

    /// Writes `text` from `column` on `row`, clipped to the grid and to `maxWidth` columns.
    /// Characters that do not take exactly one column (controls, combining marks, wide East
    /// Asian characters, emoji) are written as `?` (whitespace controls as a space), so any
    /// text keeps the grid's one-character-one-column promise.
    /// - Returns: the column after the last character written.
    @discardableResult
    public mutating func put(
        _ text: String, row: Int, column: Int, style: CellStyle = .plain,
        maxWidth: Int = .max
    ) -> Int {
        var col = column
        let limit = maxWidth >= width ? width : min(width, column + maxWidth)
        for ch in text {
            guard col < limit else { break }
            self[row, col] = Cell(ch.singleColumn, style)
            col += 1
        }
        return col
    }

    /// Fills `count` cells of `row` from `column` with `cell`.
    public mutating func fill(row: Int, column: Int, count: Int, with cell: Cell) {
        for col in column..<max(column, column + count) { self[row, col] = cell }
    }

    /// The characters of `row`, without styles.
    public func line(_ row: Int) -> String {
        guard row >= 0, row < height else { return "" }
        return String(cells[(row * width)..<((row + 1) * width)].map(\.character))
    }

    /// The whole grid as plain text, one line per row, trailing blanks kept.
    public var text: String {
        (0..<height).map(line).joined(separator: "\n")
    }
}
