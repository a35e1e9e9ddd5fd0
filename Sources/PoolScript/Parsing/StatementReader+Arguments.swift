import PoolAllocator
import PoolText

extension StatementReader {
    // The arguments of statements: sizes of the one size grammar, offsets, counts, seeds.
    // Each reports what is wrong in words and returns nil, so the line's other problems are
    // still found.

    /// What a number stands for, for messages.
    enum Quantity: String {
        case size = "a size"
        case poolSize = "a pool size"
        case alignment = "an alignment"
        case offset = "an offset"

        var noun: String { String(rawValue.split(separator: " ", maxSplits: 1)[1]) }
    }

    /// The largest number of operations one `random` statement may ask for.
    static let maximumRandomCount = 1_000_000

    mutating func size(after keyword: ScriptToken, what: Quantity, example: String) -> Int? {
        guard let token = take() else {
            fail(keyword.endColumn, "'\(keyword.spelling)' needs \(what.rawValue), e.g. \(example)")
            return nil
        }
        return number(token, what: what)
    }

    /// A number of the size grammar; positive unless it is an offset.
    mutating func number(_ token: ScriptToken, what: Quantity) -> Int? {
        let text = token.spelling
        if token.word == nil {
            fail(token.column, "expected \(what.rawValue), not \(text)")
            return nil
        }
        if text.hasPrefix("-") {
            fail(
                token.column,
                what == .offset
                    ? "an offset cannot be negative: \(text)"
                    : "\(what.rawValue) must be positive, not \(text)")
            return nil
        }
        do {
            let value = try ByteSize.parse(text)
            if value == 0, what != .offset {
                fail(token.column, "\(what.rawValue) must be positive, not \(text)")
                return nil
            }
            return value
        } catch .tooLarge {
            fail(token.column, "\(what.noun) \(text) is too large; the largest is \(Int.max) bytes")
        } catch .ambiguousUnit(_, let suggestion) {
            fail(token.column, "'\(text)' is not \(what.rawValue); did you mean \(suggestion)?")
        } catch {
            fail(token.column, "'\(text)' is not \(what.rawValue); sizes look like 256, 4KiB, 0x100 or 2M")
        }
        return nil
    }

    /// A policy's name after `keyword` (`policy best`).
    mutating func policy(after keyword: ScriptToken) -> FitPolicy? {
        guard let token = take() else {
            fail(keyword.endColumn, "'\(keyword.spelling)' needs a placement policy: \(PolicyList.names())")
            return nil
        }
        return policy(token)
    }

    /// A placement policy's name: `first`, `next`, `best` or `worst`.
    mutating func policy(_ token: ScriptToken) -> FitPolicy? {
        if let word = token.word, let policy = try? PolicyList.policy(named: word) { return policy }
        fail(token.column, PolicyList.Problem.unknown(token.spelling).description)
        return nil
    }

    mutating func count(_ token: ScriptToken) -> Int? {
        let text = token.spelling
        guard let word = token.word, !word.isEmpty, word.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            if text.hasPrefix("-") {
                fail(token.column, "a random count must be positive, not \(text)")
            } else {
                fail(token.column, "'\(text)' is not a count; counts are whole numbers like 200")
            }
            return nil
        }
        guard let value = Int(word), value <= Self.maximumRandomCount else {
            fail(
                token.column,
                "random count \(word) is too large; at most \(Self.maximumRandomCount) operations per statement")
            return nil
        }
        guard value > 0 else {
            fail(token.column, "a random count must be positive, not \(word)")
            return nil
        }
        return value
    }

    mutating func seed(_ token: ScriptToken) -> UInt64? {
        let text = token.spelling
        var digits = Substring(text)
        var radix = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
            radix = 16
        }
        if let word = token.word, !digits.isEmpty,
            digits.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true })
        {
            if let value = UInt64(digits, radix: radix) { return value }
            fail(token.column, "seed \(word) is too large; seeds go from 0 to \(UInt64.max)")
            return nil
        }
        fail(token.column, "'\(text)' is not a seed; seeds are whole numbers from 0 to \(UInt64.max)")
        return nil
    }

    // MARK: Lexical helpers

    /// Whether `word` is a name: a letter or `_`, then letters, digits or `_`.
    static func isName(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first,
            first == "_" || first.properties.isAlphabetic
        else { return false }
        return word.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// A plain decimal like `1.5` or `500` (no sign, no exponent), or nil.
    static func decimal(_ text: Substring) -> Double? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts.contains(where: { !$0.isEmpty }),
            text.count <= 30
        else { return nil }
        return Double(text.hasPrefix(".") ? "0" + text : String(text))
    }
}
