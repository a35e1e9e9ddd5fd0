/// One line of a glibc mtrace log, read: its caller and event, or the first problem found.
/// See `MtraceReader` for the grammar.
struct MtraceLine {
    enum Event: Equatable {
        case start, end
        /// `+ PTR SIZE`; a nil address is `(nil)`, a failed allocation.
        case alloc(address: UInt64?, size: Int)
        case free(address: UInt64)
        case reallocFrom(address: UInt64)
        case reallocTo(address: UInt64, size: Int)
        case failedRealloc(address: UInt64)

        var isReallocTo: Bool {
            if case .reallocTo = self { return true }
            return false
        }
    }

    struct Parsed: Equatable {
        /// The caller as the block panel shows it: `./prog:(main+17)`, or with the address when
        /// there is no symbol (`./prog:[0x11c0]`); nil without a prefix.
        var caller: String?
        var event: Event
    }

    struct Problem {
        /// Index into the line's bytes.
        var index: Int
        var message: String
    }

    let bytes: ArraySlice<UInt8>
    private(set) var problem: Problem?
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    /// The 1-based column of byte `index`, in Unicode scalars.
    func column(of index: Int) -> Int {
        String(decoding: bytes[bytes.startIndex..<index], as: UTF8.self).unicodeScalars.count + 1
    }

    /// The line's caller and event; nil for a blank line or a problem (then `problem` says).
    mutating func parse() -> Parsed? {
        skipBlanks()
        guard index < bytes.endIndex else { return nil }
        var caller: String?
        if bytes[index] == UInt8(ascii: "@") {
            guard let parsed = callerPrefix() else { return nil }
            caller = parsed
        }
        guard index < bytes.endIndex else { return fail("an event after the caller, e.g. + 0x5581a0 0x64") }
        let letterIndex = index
        let letter = bytes[index]
        index += 1
        let event: Event?
        switch letter {
        case UInt8(ascii: "="):
            let rest = String(decoding: bytes[index...], as: UTF8.self).trimmingWhitespace()
            guard rest == "Start" || rest == "End" else {
                return fail(at: letterIndex, "'=' lines are '= Start' and '= End'")
            }
            return Parsed(caller: caller, event: rest == "Start" ? .start : .end)
        case UInt8(ascii: "+"):
            guard let address = nullableAddress() else { return nil }
            if address == nil {
                // A failed allocation's size may be any 64-bit number (malloc(SIZE_MAX)).
                guard expectBlank(), hex(what: "a size", allowsZero: true) != nil else { return nil }
                event = .alloc(address: nil, size: 0)
            } else {
                guard let size = size() else { return nil }
                event = .alloc(address: address, size: size)
            }
        case UInt8(ascii: "-"):
            guard let address = address() else { return nil }
            event = .free(address: address)
        case UInt8(ascii: "<"):
            guard let address = address() else { return nil }
            event = .reallocFrom(address: address)
        case UInt8(ascii: ">"):
            guard let address = address(), let size = size() else { return nil }
            event = .reallocTo(address: address, size: size)
        case UInt8(ascii: "!"):
            // The size asked for may be any 64-bit number: it failed.
            guard let address = address(), expectBlank(), hex(what: "a size", allowsZero: true) != nil else {
                return nil
            }
            event = .failedRealloc(address: address)
        default:
            let text = String(decoding: bytes[letterIndex...].prefix(4), as: UTF8.self)
            return fail(
                at: letterIndex,
                "'\(text)' is not an mtrace event; expected + (allocation), - (free), < and > (realloc), "
                    + "! (failed realloc) or = Start / = End")
        }
        skipBlanks()
        guard index == bytes.endIndex else {
            return fail("unexpected '\(String(decoding: bytes[index...].prefix(20), as: UTF8.self))' after the event")
        }
        return event.map { Parsed(caller: caller, event: $0) }
    }

    /// `@ WHERE[0xADDR] `, up to the blank after the `]` that is followed by an event letter
    /// (a file name may hold blanks and brackets).
    private mutating func callerPrefix() -> String?? {
        let at = index
        index += 1
        var search = index
        while search < bytes.endIndex {
            if bytes[search] == UInt8(ascii: "]"), search + 2 < bytes.endIndex, bytes[search + 1] == 0x20,
                "+-<>!=".utf8.contains(bytes[search + 2])
            {
                let inside = String(decoding: bytes[index..<(search + 1)], as: UTF8.self).trimmingWhitespace()
                index = search + 2
                return .some(Self.label(inside))
            }
            search += 1
        }
        let _: Bool? = fail(at: at, "a caller '@ …[0xADDR]' must be followed by a blank and an event")
        return nil
    }

    /// `./prog:(main+17)[0x11ad]` → `./prog:(main+17)`; `./prog:[0x11c0]` and `[0x…]` stay.
    static func label(_ caller: String) -> String {
        guard caller.hasSuffix("]"), let open = caller.lastIndex(of: "[") else { return caller }
        let head = caller[..<open]
        return head.hasSuffix(")") ? String(head) : caller
    }

    private mutating func nullableAddress() -> UInt64?? {
        guard expectBlank() else { return nil }
        if bytes[index...].starts(with: "(nil)".utf8) {
            index += 5
            return .some(nil)
        }
        return hex(what: "an address", allowsZero: false).map { .some($0) }
    }

    private mutating func address() -> UInt64? {
        guard expectBlank() else { return nil }
        return hex(what: "an address", allowsZero: false)
    }

    /// A size: `0x…` or `0`, at most `Int.max`.
    private mutating func size() -> Int? {
        guard expectBlank() else { return nil }
        let start = index
        guard let value = hex(what: "a size", allowsZero: true) else { return nil }
        guard value <= UInt64(Int.max) else {
            return fail(at: start, "size \(String(decoding: bytes[start..<index], as: UTF8.self)) is too large")
        }
        return Int(value)
    }

    /// `0x` and 1 to 16 hex digits, or (when `allowsZero`) a bare `0`, as glibc's `%p` and
    /// `%#lx` write them.
    private mutating func hex(what: String, allowsZero: Bool) -> UInt64? {
        if index < bytes.endIndex, index == bytes.index(before: bytes.endIndex) || isBlank(bytes[index + 1]),
            bytes[index] == UInt8(ascii: "0"), allowsZero
        {
            index += 1
            return 0
        }
        let start = index
        guard bytes[index...].starts(with: "0x".utf8) else {
            return fail(at: start, "expected \(what) in hex, like 0x55d8ce3cd4a0\(allowsZero ? " or 0" : "")")
        }
        index += 2
        var value: UInt64 = 0
        var digits = 0
        while index < bytes.endIndex, let digit = Self.hexDigit(bytes[index]) {
            guard digits < 16 else { return fail(at: start, "\(what) of more than 64 bits") }
            value = value << 4 | UInt64(digit)
            digits += 1
            index += 1
        }
        guard digits > 0, index == bytes.endIndex || isBlank(bytes[index]) else {
            return fail(at: start, "expected \(what) in hex, like 0x55d8ce3cd4a0\(allowsZero ? " or 0" : "")")
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private mutating func expectBlank() -> Bool {
        guard index < bytes.endIndex, isBlank(bytes[index]) else {
            let _: Bool? = fail("expected a blank, then more of the event")
            return false
        }
        skipBlanks()
        guard index < bytes.endIndex else {
            let _: Bool? = fail("the event ends early")
            return false
        }
        return true
    }

    private mutating func skipBlanks() {
        while index < bytes.endIndex, isBlank(bytes[index]) { index += 1 }
    }

    private func isBlank(_ byte: UInt8) -> Bool { TraceParser.isBlank(byte) }

    private mutating func fail<T>(_ message: String) -> T? {
        fail(at: index, message)
    }

    private mutating func fail<T>(at index: Int, _ message: String) -> T? {
        if problem == nil { problem = Problem(index: index, message: message) }
        return nil
    }
}
