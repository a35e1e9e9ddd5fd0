import PoolScript
import PoolText

/// Reads a pickle of plain data — dicts, lists, tuples, strings, integers, floats, bools and
/// None — written by Python's `pickle` at protocols 2 to 5. It never executes anything: it is
/// a small stack machine over exactly the opcodes that plain data needs (PROTO, FRAME, STOP,
/// MARK, EMPTY_DICT/LIST/TUPLE, DICT, LIST, TUPLE, TUPLE1–3, SETITEM(S), APPEND(S),
/// BININT/BININT1/BININT2, LONG1/LONG4, BINFLOAT, SHORT_BINUNICODE/BINUNICODE/BINUNICODE8,
/// NONE, NEWTRUE/NEWFALSE, MEMOIZE, BINPUT/LONG_BINPUT, BINGET/LONG_BINGET). Every other
/// opcode is refused at its byte, those that would import or build an object first of all.
///
/// Hostile input gets one `PickleError`, never a trap: every length is checked against the
/// bytes that remain before anything is read or reserved, arithmetic on lengths cannot
/// overflow, and the limits below bound what a small file can make the reader build.
package struct PickleReader {
    /// The largest file read: 4 GiB (a snapshot of 10⁶ events is about 100 MB).
    package static let maximumBytes = 4 << 30
    /// The deepest nesting of containers (a snapshot's is 5), and the most MARKs open at once.
    package static let maximumDepth = 1_000
    /// The most memo entries (a snapshot has about three per event).
    package static let maximumMemo = 10_000_000
    /// The most values on the stack at once (Python's pickler puts at most 1,000 items between
    /// a MARK and its APPENDS or SETITEMS).
    package static let maximumStack = 1_000_000

    /// A value on the machine's stack, how deeply it nests, and the memo entries that name it
    /// while it may still change (a list or dict is memoized before it is filled).
    private struct Slot {
        var value: PickleValue
        var depth: Int
        var memo: [Int] = []
    }

    /// A memo entry: a finished value, or the stack slot of a container still being filled.
    private enum MemoEntry {
        case value(PickleValue, depth: Int)
        case slot(Int)
    }

    /// The limits one read enforces: the documented ones, smaller in tests.
    struct Limits {
        var depth = PickleReader.maximumDepth
        var memo = PickleReader.maximumMemo
        var stack = PickleReader.maximumStack
    }

    private let bytes: [UInt8]
    private let limits: Limits
    private var position = 0
    private var opcodeOffset = 0
    private var opcode: UInt8 = 0
    private var stack: [Slot] = []
    private var marks: [Int] = []
    private var memo: [MemoEntry] = []
    /// Memo index (as the pickle numbers it) → position in `memo`.
    private var memoPositions = IntMap()

    private init(bytes: [UInt8], limits: Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// The value `bytes` hold.
    /// - Throws: `PickleError` for any opcode outside the subset, truncated or malformed data,
    ///   trailing bytes after STOP, or a limit reached.
    /// - Complexity: O(bytes) time; memory proportional to the value built.
    package static func read(_ bytes: [UInt8]) throws(PickleError) -> PickleValue {
        try read(bytes, limits: Limits())
    }

    /// `read(bytes)` under `limits`.
    static func read(_ bytes: [UInt8], limits: Limits) throws(PickleError) -> PickleValue {
        guard bytes.count <= maximumBytes else { throw PickleError(.tooLarge(bytes: bytes.count), at: 0) }
        var reader = PickleReader(bytes: bytes, limits: limits)
        return try reader.run()
    }

    private mutating func run() throws(PickleError) -> PickleValue {
        typealias Op = PickleOpcode
        while position < bytes.count {
            opcodeOffset = position
            opcode = bytes[position]
            position += 1
            switch opcode {
            case Op.proto:
                let version = try unsigned(1)
                guard (2...5).contains(version) else {
                    throw fail(.malformed(opcode: "PROTO", reason: "names protocol \(version); poolmap reads 2 to 5"))
                }
            case Op.frame:
                let length = try unsigned(8)
                let remaining = bytes.count - position
                guard length <= UInt64(remaining) else {
                    throw fail(.truncated(opcode: "FRAME", needed: Self.clamped(length), remaining: remaining))
                }
            case Op.stop:
                let result = try pop()
                if position < bytes.count {
                    throw fail(.trailingBytes(count: bytes.count - position))
                }
                return result.value
            case Op.mark:
                guard marks.count < limits.depth else {
                    throw fail(.limit(reason: "more than \(NumberText.grouped(limits.depth)) MARKs open at once"))
                }
                marks.append(stack.count)
            case Op.emptyDict: try push(.dict(PickleDict()), depth: 1)
            case Op.emptyList: try push(.list([]), depth: 1)
            case Op.emptyTuple: try push(.tuple([]), depth: 1)
            case Op.dict:
                let items = try popToMark()
                let (dict, depth) = try pairs(items, into: PickleDict())
                try push(.dict(dict), depth: depth)
            case Op.list:
                let items = try popToMark()
                try push(.list(items.map(\.value)), depth: try containerDepth(items))
            case Op.tuple:
                let items = try popToMark()
                try push(.tuple(items.map(\.value)), depth: try containerDepth(items))
            case Op.tuple1, Op.tuple2, Op.tuple3:
                let count = Int(opcode - Op.tuple1) + 1
                guard stack.count - (marks.last ?? 0) >= count else {
                    throw fail(.malformed(opcode: name, reason: "needs \(count) values on the stack"))
                }
                var items: [Slot] = []
                for _ in 0..<count { items.append(try pop()) }
                items.reverse()
                try push(.tuple(items.map(\.value)), depth: try containerDepth(items))
            case Op.setItem:
                let value = try pop(), key = try pop()
                try setItems([key, value])
            case Op.setItems:
                try setItems(try popToMark())
            case Op.append:
                try append([try pop()])
            case Op.appends:
                try append(try popToMark())
            case Op.binInt:
                try push(.int(Int(Int32(truncatingIfNeeded: try unsigned(4)))), depth: 0)
            case Op.binInt1:
                try push(.int(Int(try unsigned(1))), depth: 0)
            case Op.binInt2:
                try push(.int(Int(try unsigned(2))), depth: 0)
            case Op.long1:
                let length = try unsigned(1)
                try push(.int(try long(length)), depth: 0)
            case Op.long4:
                let length = Int32(truncatingIfNeeded: try unsigned(4))
                guard length >= 0 else {
                    throw fail(.malformed(opcode: "LONG4", reason: "gives a negative length (\(length))"))
                }
                try push(.int(try long(UInt64(length))), depth: 0)
            case Op.binFloat:
                let range = try take(8)
                var bits: UInt64 = 0
                for byte in bytes[range] { bits = bits << 8 | UInt64(byte) }  // big-endian
                try push(.float(Double(bitPattern: bits)), depth: 0)
            case Op.shortBinUnicode:
                try push(.string(try string(length: try unsigned(1))), depth: 0)
            case Op.binUnicode:
                try push(.string(try string(length: try unsigned(4))), depth: 0)
            case Op.binUnicode8:
                try push(.string(try string(length: try unsigned(8))), depth: 0)
            case Op.none: try push(.none, depth: 0)
            case Op.newTrue: try push(.bool(true), depth: 0)
            case Op.newFalse: try push(.bool(false), depth: 0)
            case Op.memoize: try memoize(index: UInt64(memoPositions.count))
            case Op.binPut: try memoize(index: try unsigned(1))
            case Op.longBinPut: try memoize(index: try unsigned(4))
            case Op.binGet: try recall(index: try unsigned(1))
            case Op.longBinGet: try recall(index: try unsigned(4))
            default:
                if let name = Op.constructing[opcode] {
                    throw fail(.objectConstruction(opcode: name, code: opcode))
                }
                if let name = Op.unsupported[opcode] {
                    throw fail(.unsupportedOpcode(opcode: name, code: opcode))
                }
                throw fail(.unknownOpcode(code: opcode))
            }
        }
        throw PickleError(.missingStop, at: bytes.count)
    }

    // MARK: The stack

    private var name: String { PickleOpcode.name(opcode) }

    private func fail(_ kind: PickleError.Kind) -> PickleError {
        PickleError(kind, at: opcodeOffset)
    }

    private mutating func push(_ value: PickleValue, depth: Int) throws(PickleError) {
        guard depth <= limits.depth else {
            throw fail(.limit(reason: "the data nests deeper than \(NumberText.grouped(limits.depth)) levels"))
        }
        guard stack.count < limits.stack else {
            throw fail(.limit(reason: "more than \(NumberText.grouped(limits.stack)) values on the stack at once"))
        }
        stack.append(Slot(value: value, depth: depth))
    }

    /// Takes the top value off the stack (not past the latest MARK); the memo entries that
    /// named it while it was being filled keep it as it is now, final.
    private mutating func pop() throws(PickleError) -> Slot {
        guard stack.count > (marks.last ?? 0) else {
            throw fail(.malformed(opcode: name, reason: "finds no value on the stack"))
        }
        let slot = stack.removeLast()
        for entry in slot.memo { memo[entry] = .value(slot.value, depth: slot.depth) }
        return slot
    }

    /// The values above the latest MARK, in order, and the MARK removed.
    private mutating func popToMark() throws(PickleError) -> [Slot] {
        guard let mark = marks.last else {
            throw fail(.malformed(opcode: name, reason: "has no MARK before it"))
        }
        var items: [Slot] = []
        items.reserveCapacity(stack.count - mark)
        while stack.count > mark { items.append(try pop()) }
        marks.removeLast()
        items.reverse()
        return items
    }

    private func containerDepth(_ items: [Slot]) throws(PickleError) -> Int {
        1 + (items.map(\.depth).max() ?? 0)
    }

    /// `items` as key–value pairs added to `dict`; the dict's depth with them.
    private func pairs(_ items: [Slot], into dict: PickleDict, depth: Int = 1) throws(PickleError) -> (PickleDict, Int)
    {
        guard items.count % 2 == 0 else {
            throw fail(.malformed(opcode: name, reason: "has a key without a value (\(items.count) items)"))
        }
        var dict = dict, depth = depth
        var index = 0
        while index < items.count {
            let key: PickleKey
            switch items[index].value {
            case .string(let text): key = .string(text)
            case .int(let number): key = .int(number)
            case let other:
                throw fail(
                    .malformed(
                        opcode: name,
                        reason: "has \(other.kindName) as a dict key; poolmap reads string and integer keys"))
            }
            dict[key] = items[index + 1].value
            depth = max(depth, items[index + 1].depth + 1)
            index += 2
        }
        return (dict, depth)
    }

    /// SETITEM(S): adds the pairs to the dict now on top of the stack, in place.
    private mutating func setItems(_ items: [Slot]) throws(PickleError) {
        guard stack.count > (marks.last ?? 0), let top = stack.indices.last else {
            throw fail(.malformed(opcode: name, reason: "finds no dict to add to"))
        }
        var value = stack[top].value
        stack[top].value = .none  // leaves `value` the only reference: the dict grows in place
        guard case .dict(var dict) = value else {
            stack[top].value = value
            throw fail(.malformed(opcode: name, reason: "adds to \(value.kindName), not a dict"))
        }
        value = .none
        let (filled, depth) = try pairs(items, into: dict, depth: stack[top].depth)
        dict = PickleDict()
        stack[top].value = .dict(filled)
        try setDepth(depth, at: top)
    }

    /// APPEND(S): adds the items to the list now on top of the stack, in place.
    private mutating func append(_ items: [Slot]) throws(PickleError) {
        guard stack.count > (marks.last ?? 0), let top = stack.indices.last else {
            throw fail(.malformed(opcode: name, reason: "finds no list to append to"))
        }
        var value = stack[top].value
        stack[top].value = .none
        guard case .list(var list) = value else {
            stack[top].value = value
            throw fail(.malformed(opcode: name, reason: "appends to \(value.kindName), not a list"))
        }
        value = .none
        list.append(contentsOf: items.lazy.map(\.value))
        stack[top].value = .list(list)
        try setDepth(max(stack[top].depth, 1 + (items.map(\.depth).max() ?? 0)), at: top)
    }

    private mutating func setDepth(_ depth: Int, at slot: Int) throws(PickleError) {
        guard depth <= limits.depth else {
            throw fail(.limit(reason: "the data nests deeper than \(NumberText.grouped(limits.depth)) levels"))
        }
        stack[slot].depth = depth
    }

    // MARK: The memo

    private mutating func memoize(index: UInt64) throws(PickleError) {
        guard stack.count > (marks.last ?? 0), let top = stack.indices.last else {
            throw fail(.malformed(opcode: name, reason: "finds no value to memoize"))
        }
        let entry: MemoEntry
        switch stack[top].value {
        case .list, .dict: entry = .slot(top)  // may still be filled: resolved when popped
        default: entry = .value(stack[top].value, depth: stack[top].depth)
        }
        guard index <= UInt64(Int.max) else { throw fail(.limit(reason: "a memo index past 2⁶³")) }
        let key = Int(index)
        if let position = memoPositions[key] {
            if case .slot(let slot) = memo[position] { stack[slot].memo.removeAll { $0 == position } }
            memo[position] = entry
            if case .slot = entry { stack[top].memo.append(position) }
            return
        }
        guard memoPositions.count < limits.memo else {
            throw fail(.limit(reason: "more than \(NumberText.grouped(limits.memo)) memo entries"))
        }
        memoPositions[key] = memo.count
        if case .slot = entry { stack[top].memo.append(memo.count) }
        memo.append(entry)
    }

    private mutating func recall(index: UInt64) throws(PickleError) {
        guard index <= UInt64(Int.max), let position = memoPositions[Int(index)] else {
            throw fail(.malformed(opcode: name, reason: "recalls memo entry \(index), which was never stored"))
        }
        switch memo[position] {
        case .value(let value, let depth): try push(value, depth: depth)
        case .slot(let slot): try push(stack[slot].value, depth: stack[slot].depth)
        }
    }

    // MARK: Arguments

    /// The next `count` bytes' range, or a truncation error.
    private mutating func take(_ count: Int) throws(PickleError) -> Range<Int> {
        let remaining = bytes.count - position
        guard count <= remaining else { throw fail(.truncated(opcode: name, needed: count, remaining: remaining)) }
        defer { position += count }
        return position..<(position + count)
    }

    /// A little-endian unsigned integer of `width` bytes (1, 2, 4 or 8).
    private mutating func unsigned(_ width: Int) throws(PickleError) -> UInt64 {
        var value: UInt64 = 0
        for (shift, byte) in bytes[try take(width)].enumerated() { value |= UInt64(byte) << (8 * shift) }
        return value
    }

    /// LONG1/LONG4's argument: `length` bytes of little-endian two's complement, which must
    /// fit in 64 bits (longer encodings only when their extra bytes merely extend the sign).
    private mutating func long(_ length: UInt64) throws(PickleError) -> Int {
        let remaining = bytes.count - position
        guard length <= UInt64(remaining) else {
            throw fail(.truncated(opcode: name, needed: Self.clamped(length), remaining: remaining))
        }
        let range = try take(Int(length))
        guard let value = Self.integer(twosComplement: bytes[range]) else {
            throw fail(.limit(reason: "an integer wider than 64 bits (poolmap reads −2⁶³ to 2⁶³ − 1)"))
        }
        return value
    }

    /// The integer that little-endian two's complement `bytes` encode (0 for none), or nil when
    /// it does not fit in 64 bits (longer encodings fit only when their extra bytes merely
    /// extend the sign). `PickleTree`'s reader reads LONG1/LONG4 with it too.
    static func integer<Bytes: RandomAccessCollection<UInt8>>(twosComplement bytes: Bytes) -> Int? {
        guard let last = bytes.last else { return 0 }
        let negative = last & 0x80 != 0
        var value: UInt64 = negative ? ~0 : 0
        for (shift, byte) in bytes.enumerated() {
            if shift < 8 {
                value &= ~(UInt64(0xFF) << (8 * shift))
                value |= UInt64(byte) << (8 * shift)
            } else if byte != (negative ? 0xFF : 0x00) {
                return nil
            }
        }
        // The sign of the 64-bit value must be the sign of the whole encoding.
        guard (Int64(bitPattern: value) < 0) == negative else { return nil }
        return Int(Int64(bitPattern: value))
    }

    /// A UTF-8 string of `length` bytes.
    private mutating func string(length: UInt64) throws(PickleError) -> String {
        let remaining = bytes.count - position
        guard length <= UInt64(remaining) else {
            throw fail(.truncated(opcode: name, needed: Self.clamped(length), remaining: remaining))
        }
        guard let text = String(validating: bytes[try take(Int(length))], as: UTF8.self) else {
            throw fail(.malformed(opcode: name, reason: "holds a string that is not valid UTF-8"))
        }
        return text
    }

    private static func clamped(_ length: UInt64) -> Int {
        length > UInt64(Int.max) ? Int.max : Int(length)
    }
}
