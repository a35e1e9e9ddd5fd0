/// A script's statements in file order.
///
/// A `.pool` script keeps its statements as they are. A trace keeps its operations packed —
/// 16 bytes an operation and 4 for its line — so that a recorded run of 10⁷ events fits in
/// about 200 MB and can be walked both ways by the player.
public struct StatementList: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case statements([Statement])
        case packed(PackedTrace)
    }

    var storage: Storage

    /// The statements as given.
    public init(_ statements: [Statement]) {
        storage = .statements(statements)
    }

    init(packed: PackedTrace) {
        storage = .packed(packed)
    }

    /// The first statement's index: 0.
    public var startIndex: Int { 0 }

    /// One past the last statement's index: the statement count.
    public var endIndex: Int {
        switch storage {
        case .statements(let statements): return statements.count
        case .packed(let trace): return trace.count
        }
    }

    /// The statement at `index`.
    /// - Complexity: O(1).
    public subscript(index: Int) -> Statement {
        switch storage {
        case .statements(let statements): return statements[index]
        case .packed(let trace): return trace[index]
        }
    }
}

extension StatementList {
    /// The trace id statement `index` acts on, when it is a trace operation: read without
    /// decoding the whole statement, so a runner can prefetch what it will look up next.
    /// - Complexity: O(1).
    func traceID(at index: Int) -> Int? {
        switch storage {
        case .statements(let statements): return statements[index].action.traceID
        case .packed(let trace): return trace.traceID(at: index)
        }
    }
}

extension StatementList: Equatable {
    /// Equal when both hold the same statements in the same order, however they are stored.
    public static func == (lhs: StatementList, rhs: StatementList) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }
}

extension StatementList: ExpressibleByArrayLiteral {
    /// The list of `elements`, as they are.
    public init(arrayLiteral elements: Statement...) {
        self.init(elements)
    }
}

/// Trace operations packed two words each, with their lines beside them.
///
/// Word 0 holds the operation (2 bits: `a`, `m`, `f`, `r`), the base-2 logarithm of an `m`
/// alignment (6 bits) and the id (56 bits); word 1 holds the size. The rare operation that does
/// not fit — an id of 2⁵⁶ or more, an alignment that is not a power of two — is kept whole in
/// `unpacked`, its words left unused.
struct PackedTrace: Sendable {
    private(set) var words: [UInt64] = []
    private(set) var lines: [UInt32] = []
    private(set) var unpacked: [Int: Statement] = [:]

    var count: Int { lines.count }

    private static let alloc: UInt64 = 0, aligned: UInt64 = 1, free: UInt64 = 2, realloc: UInt64 = 3
    private static let largestID = 1 << 56 - 1

    mutating func reserveCapacity(_ operations: Int) {
        words.reserveCapacity(2 * operations)
        lines.reserveCapacity(operations)
    }

    /// Appends a trace statement (`traceAlloc`, `traceFree`, `traceRealloc`).
    /// - Complexity: amortized O(1).
    mutating func append(_ statement: Statement) {
        let index = count
        var packed: (kind: UInt64, alignLog2: UInt64, id: Int, size: Int)?
        switch statement.action {
        case .traceAlloc(let id, let size, nil):
            packed = (Self.alloc, 0, id, size)
        case .traceAlloc(let id, let size, let alignment?):
            if alignment > 0, alignment & (alignment - 1) == 0 {
                packed = (Self.aligned, UInt64(alignment.trailingZeroBitCount), id, size)
            }
        case .traceFree(let id):
            packed = (Self.free, 0, id, 0)
        case .traceRealloc(let id, let size):
            packed = (Self.realloc, 0, id, size)
        default:
            break
        }
        guard let packed, packed.id >= 0, packed.id <= Self.largestID, packed.size >= 0,
            statement.line >= 0, statement.line <= Int(UInt32.max)
        else {
            unpacked[index] = statement
            words.append(contentsOf: [0, 0])
            lines.append(0)
            return
        }
        words.append(packed.kind | packed.alignLog2 << 2 | UInt64(packed.id) << 8)
        words.append(UInt64(packed.size))
        lines.append(UInt32(statement.line))
    }

    /// The id of the operation at `index` (see `StatementList.traceID(at:)`).
    func traceID(at index: Int) -> Int? {
        if !unpacked.isEmpty, let statement = unpacked[index] { return statement.action.traceID }
        return Int(words[2 &* index] >> 8)
    }

    /// The statement at `index`.
    /// - Complexity: O(1).
    subscript(index: Int) -> Statement {
        if !unpacked.isEmpty, let statement = unpacked[index] { return statement }
        let head = words[2 &* index], size = Int(words[2 &* index &+ 1])
        let id = Int(head >> 8)
        let action: Action
        switch head & 3 {
        case Self.alloc: action = .traceAlloc(id: id, size: size, alignment: nil)
        case Self.aligned: action = .traceAlloc(id: id, size: size, alignment: 1 << Int((head >> 2) & 63))
        case Self.free: action = .traceFree(id: id)
        default: action = .traceRealloc(id: id, size: size)
        }
        return Statement(line: Int(lines[index]), action: action)
    }
}
