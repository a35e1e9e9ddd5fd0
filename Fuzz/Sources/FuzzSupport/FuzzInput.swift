import CFuzzerDriver

/// A fuzzer's input read as a stream of small decisions, front to back.
///
/// Every read succeeds: past the end it gives zeros, so any prefix of an input is an input and
/// libFuzzer's mutations (insert, erase, shuffle bytes) change the decisions locally. The
/// targets stop when ``isAtEnd`` is true rather than reading zeros forever.
public struct FuzzInput {
    public let bytes: [UInt8]
    public private(set) var position = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The input libFuzzer hands to `LLVMFuzzerTestOneInput`.
    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    }

    public var isAtEnd: Bool { position >= bytes.count }

    /// Bytes not read yet.
    public var remaining: Int { max(0, bytes.count - position) }

    /// The next byte, 0 past the end.
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// A number in `0 ..< bound` (bound ≥ 1) from one byte, or two when `bound` exceeds 256.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound >= 1)
        if bound <= 256 { return Int(byte()) % bound }
        return Int(UInt16(byte()) << 8 | UInt16(byte())) % bound
    }

    /// True for an odd byte.
    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// A 16-bit number, big-endian.
    public mutating func uint16() -> Int { Int(UInt16(byte()) << 8 | UInt16(byte())) }

    /// Eight bytes as a 64-bit pattern, big-endian: any `Int`, `Int.min` and `Int.max` included.
    public mutating func int64() -> Int {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(byte()) }
        return Int(truncatingIfNeeded: value)
    }

    /// One of `choices` (not empty).
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[below(choices.count)]
    }

    /// Up to `count` bytes as they are (fewer at the end of the input).
    public mutating func bytes(upTo count: Int) -> ArraySlice<UInt8> {
        let end = min(bytes.count, position + max(0, count))
        defer { position = max(position, end) }
        return position < end ? bytes[position..<end] : []
    }
}

/// Stops the fuzzer with a message: libFuzzer sees the trap, keeps the input as a crash and
/// prints the command that reproduces it.
public func fuzzFailure(_ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError(message(), file: file, line: line)
}

/// `fuzzFailure` unless `condition` holds.
@inline(__always)
public func fuzzCheck(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #file,
    line: UInt = #line
) {
    if !condition() { fuzzFailure(message(), file: file, line: line) }
}

/// Hands the process over to libFuzzer, which runs `target` on each input. Each fuzz target's
/// `<Module>_main` (the symbol SwiftPM makes the program's `main`) calls this.
public func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, target)
}
