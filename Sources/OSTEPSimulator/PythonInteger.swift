/// Python's `int(text, radix)` for the radixes malloc.py's flags and operations are read in
/// (2, 8, 10, 16), bounded to what poolmap computes with.
///
/// The grammar (CPython's `PyLong_FromUnicodeObject` and `long_from_string`): non-ASCII white
/// space counts as a space and any Unicode decimal digit as its ASCII digit; then optional
/// spaces, an optional sign, for radix 16 / 8 / 2 an optional `0x` / `0o` / `0b` prefix
/// (either case) that may be followed by one `_`, at least one digit with single `_` between
/// digits, optional spaces, and nothing else. Leading zeros are allowed.
package enum PythonInteger: Sendable, Equatable {
    /// A number with `|value| < 2^63`.
    case value(Int)
    /// A number Python reads, but with `|value| >= 2^63`.
    case tooLarge(isNegative: Bool)
    /// Text Python's `int` refuses (a `ValueError`).
    case invalid

    /// The non-ASCII characters CPython's `int` reads as a space (Unicode `White_Space`).
    private static let unicodeSpaces = Set<UInt32>([0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
        .union(0x2000...0x200A)

    /// Reads `text` as `int(text, radix)` does.
    /// - Precondition: `radix` is 2, 8, 10 or 16.
    /// - Complexity: O(length of `text`).
    package init(parsing text: String, radix: Int) {
        precondition([2, 8, 10, 16].contains(radix), "radix \(radix) is not one malloc.py uses")
        guard let ascii = Self.asciiForm(of: text) else {
            self = .invalid
            return
        }
        var position = ascii.startIndex
        let end = ascii.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        while position < end, isSpace(ascii[position]) { position += 1 }
        var isNegative = false
        if position < end, ascii[position] == UInt8(ascii: "-") || ascii[position] == UInt8(ascii: "+") {
            isNegative = ascii[position] == UInt8(ascii: "-")
            position += 1
        }
        let prefixLetter: UInt8? = [16: UInt8(ascii: "x"), 8: UInt8(ascii: "o"), 2: UInt8(ascii: "b")][radix]
        if let prefixLetter, end - position >= 2, ascii[position] == UInt8(ascii: "0"),
            ascii[position + 1] | 0x20 == prefixLetter
        {
            position += 2
            if position < end, ascii[position] == UInt8(ascii: "_") { position += 1 }
        }
        var magnitude: UInt64 = 0
        var overflow = false
        var digits = 0
        var afterUnderscore = false
        while position < end {
            let byte = ascii[position]
            if byte == UInt8(ascii: "_") {
                guard digits > 0, !afterUnderscore else { break }
                afterUnderscore = true
                position += 1
                continue
            }
            guard let digit = Self.digitValue(byte), digit < radix else { break }
            let (product, productOverflow) = magnitude.multipliedReportingOverflow(by: UInt64(radix))
            let (sum, sumOverflow) = product.addingReportingOverflow(UInt64(digit))
            overflow = overflow || productOverflow || sumOverflow
            magnitude = sum
            digits += 1
            afterUnderscore = false
            position += 1
        }
        while position < end, isSpace(ascii[position]) { position += 1 }
        guard digits > 0, !afterUnderscore, position == end else {
            self = .invalid
            return
        }
        if overflow || magnitude >= 1 << 63 {
            self = .tooLarge(isNegative: isNegative)
        } else {
            self = .value(isNegative ? -Int(magnitude) : Int(magnitude))
        }
    }

    /// `text` with non-ASCII spaces as spaces and Unicode decimal digits as ASCII digits, or
    /// `nil` when it holds any other non-ASCII character (which no radix accepts).
    private static func asciiForm(of text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 127 {
                bytes.append(UInt8(scalar.value))
            } else if unicodeSpaces.contains(scalar.value) {
                bytes.append(UInt8(ascii: " "))
            } else if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
                bytes.append(UInt8(ascii: "0") + UInt8(value))
            } else {
                return nil
            }
        }
        return bytes
    }

    /// The value of an ASCII digit or letter digit (`a`/`A` is 10), or `nil`.
    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

extension PythonInteger {
    /// Reads a flag's value as optparse's `int` type does (`_parse_num`): `0x`/`0X` is hex,
    /// `0b`/`0B` binary (an empty rest is 0), another leading `0` octal (so `010` is 8, while
    /// `-010` is decimal −10), anything else decimal.
    /// - Complexity: O(length of `text`).
    package init(parsingOption text: String) {
        let scalars = Array(text.unicodeScalars.prefix(2))
        let first = scalars.first
        let second = scalars.count > 1 ? scalars[1].properties.lowercaseMapping : nil
        if first == "0" && second == "x" {
            self.init(parsing: text, radix: 16)
        } else if first == "0" && second == "b" {
            let rest = String(text.unicodeScalars.dropFirst(2))
            self.init(parsing: rest.isEmpty ? "0" : rest, radix: 2)
        } else if first == "0" {
            self.init(parsing: text, radix: 8)
        } else {
            self.init(parsing: text, radix: 10)
        }
    }
}
