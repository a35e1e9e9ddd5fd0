import PoolAllocator

/// Reads one script statement from a line's tokens, collecting every problem it finds.
struct StatementReader {
    private let tokens: [ScriptToken]
    private var index = 0
    /// What is wrong with the line, in column order.
    private(set) var problems: [ScriptTokenizer.Failure] = []

    init(tokens: [ScriptToken]) {
        self.tokens = tokens
    }

    /// The statement, or nil when the line is too broken to say (problems then explain why).
    mutating func statement() -> Action? {
        guard let first = take() else { return nil }
        if first.kind == .equals {
            fail(first.column, "'=' needs a name before it, e.g. a = alloc 256")
            return nil
        }
        guard let word = first.word else {
            fail(first.column, "a statement cannot start with a string; did you mean say \(first.spelling)?")
            return nil
        }
        if peek?.kind == .equals {
            return binding(name: word, at: first)
        }
        let action: Action?
        switch word {
        case "pool":
            action = pool(after: first)
        case "heap":
            action = heap(after: first).map { .heap($0) }
        case "alloc":
            action = allocation(name: nil, after: first)
        case "free":
            action = freeTarget(after: first).map { .free($0) }
        case "defrag":
            action = .defrag
        case "stats":
            action = .stats
        case "say":
            action = caption(after: first).map { .say($0) }
        case "wait":
            action = duration(after: first).map { .wait(milliseconds: $0) }
        case "random":
            action = random(after: first)
        default:
            fail(
                first.column,
                "unknown statement '\(word)'; expected "
                    + ScriptParser.keywords.map { "'\($0)'" }.joined(separator: ", ") + " or 'NAME = alloc'")
            return nil
        }
        if let extra = take() {
            fail(extra.column, "unexpected '\(extra.spelling)' after the statement")
        }
        return action
    }

    // MARK: Statements

    private mutating func binding(name: String, at nameToken: ScriptToken) -> Action? {
        let equals = take()!
        if !Self.isName(name) {
            fail(
                nameToken.column,
                "'\(name)' is not a name; names start with a letter or _ and go on with letters, digits or _")
        }
        guard let keyword = take() else {
            fail(equals.endColumn, "expected 'alloc' after '=', e.g. \(name) = alloc 256")
            return nil
        }
        guard keyword.word == "alloc" else {
            fail(keyword.column, "expected 'alloc' after '=', not '\(keyword.spelling)'")
            return nil
        }
        let action = allocation(name: name, after: keyword)
        if let extra = take() {
            fail(extra.column, "unexpected '\(extra.spelling)' after the statement")
        }
        return action
    }

    /// `compare POLICY POLICY [POLICY [POLICY]]`: two to four different policies, after the
    /// keyword (the first token).
    mutating func comparison() -> [FitPolicy]? {
        guard let keyword = take() else { return nil }
        var list = PolicyList()
        var ok = true
        while let token = take() {
            guard let policy = policy(token) else {
                ok = false
                continue
            }
            do {
                try list.append(policy)
            } catch {
                fail(token.column, error.description)
                ok = false
            }
        }
        guard ok else { return nil }
        do {
            return try list.complete()
        } catch {
            fail(keyword.column, "'compare' \(error), e.g. compare first best")
            return nil
        }
    }

    private mutating func pool(after keyword: ScriptToken) -> Action? {
        let bytes = size(after: keyword, what: .poolSize, example: "pool 1KiB")
        var policy: FitPolicy?
        var policyOK = true
        if let next = peek, next.word == "policy" {
            take()
            policy = self.policy(after: next)
            policyOK = policy != nil
        }
        guard let bytes, policyOK else { return nil }
        return .pool(size: bytes, policy: policy)
    }

    private mutating func allocation(name: String?, after keyword: ScriptToken) -> Action? {
        let bytes = size(after: keyword, what: .size, example: "alloc 256")
        var alignment: Int?
        var alignmentOK = true
        if let next = peek, next.word == "align" {
            take()
            alignment = size(after: next, what: .alignment, example: "align 256")
            alignmentOK = alignment != nil
        }
        guard let bytes, alignmentOK else { return nil }
        return .alloc(name: name, size: bytes, alignment: alignment)
    }

    private mutating func freeTarget(after keyword: ScriptToken) -> FreeTarget? {
        guard let token = take() else {
            fail(keyword.endColumn, "'free' needs a name or an offset, e.g. free a or free 512")
            return nil
        }
        guard let word = token.word else {
            fail(token.column, "'free' needs a name or an offset, not \(token.spelling)")
            return nil
        }
        if Self.isName(word) { return .name(word) }
        if word.hasPrefix("-") {
            fail(token.column, "an offset cannot be negative: \(word)")
            return nil
        }
        if let first = word.unicodeScalars.first, ("0"..."9").contains(first) {
            return number(token, what: .offset).map { .offset($0) }
        }
        fail(token.column, "'\(word)' is not a name or an offset")
        return nil
    }

    private mutating func caption(after keyword: ScriptToken) -> String? {
        guard let token = take() else {
            fail(keyword.endColumn, "'say' needs a quoted caption, e.g. say \"Freeing b leaves a hole\"")
            return nil
        }
        guard case .string(let text) = token.kind else {
            fail(token.column, "'say' needs a quoted caption, e.g. say \"\(token.spelling)\"")
            return nil
        }
        return text
    }

    private mutating func duration(after keyword: ScriptToken) -> Int? {
        guard let token = take() else {
            fail(keyword.endColumn, "'wait' needs a duration, e.g. wait 1.5s or wait 500ms")
            return nil
        }
        let text = token.spelling
        let milliseconds: Double?
        if text.hasSuffix("ms") {
            milliseconds = Self.decimal(text.dropLast(2))
        } else if text.hasSuffix("s") {
            milliseconds = Self.decimal(text.dropLast(1)).map { $0 * 1000 }
        } else {
            milliseconds = nil
        }
        guard let milliseconds else {
            if text.hasPrefix("-") {
                fail(token.column, "a wait cannot be negative: \(text)")
            } else {
                fail(token.column, "'\(text)' is not a duration; durations look like 1.5s or 500ms")
            }
            return nil
        }
        guard milliseconds <= 3_600_000 else {
            fail(token.column, "wait \(text) is too long; waits are at most 1 hour")
            return nil
        }
        return Int(milliseconds.rounded())
    }

    private mutating func random(after keyword: ScriptToken) -> Action? {
        guard let token = take() else {
            fail(keyword.endColumn, "'random' needs a count, e.g. random 200 seed 7")
            return nil
        }
        let count = self.count(token)
        var seed: UInt64? = RandomWorkload.defaultSeed
        if let next = peek, next.word == "seed" {
            take()
            if let value = take() {
                seed = self.seed(value)
            } else {
                fail(next.endColumn, "'seed' needs a number, e.g. seed 7")
                seed = nil
            }
        }
        guard let count, let seed else { return nil }
        return .random(count: count, seed: seed)
    }

    var peek: ScriptToken? { index < tokens.count ? tokens[index] : nil }

    @discardableResult
    mutating func take() -> ScriptToken? {
        guard index < tokens.count else { return nil }
        defer { index += 1 }
        return tokens[index]
    }

    mutating func fail(_ column: Int, _ message: String) {
        problems.append(ScriptTokenizer.Failure(column: column, message: message))
    }
}
