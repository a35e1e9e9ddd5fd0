/// A parsed script or trace, ready to run: its statements in file order.
public struct Script: Equatable, Sendable {
    /// Which grammar the file was read with.
    public enum Kind: String, Equatable, Sendable {
        /// A `.pool` script: named allocations, captions, waits, `random`.
        case script
        /// An allocation trace (`.trace`, `.rep`): numbered ids.
        case trace
    }

    public var kind: Kind
    /// The file name used in messages (`FILE:LINE: error: …`).
    public var fileName: String
    public var statements: [Statement]

    public init(kind: Kind, fileName: String, statements: [Statement]) {
        self.kind = kind
        self.fileName = fileName
        self.statements = statements
    }
}
