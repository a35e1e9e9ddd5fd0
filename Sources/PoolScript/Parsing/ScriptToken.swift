/// A word, `=` or string literal on one line of a `.pool` script.
struct ScriptToken: Equatable {
    enum Kind: Equatable {
        /// A run of characters other than blanks, `#`, `=` and `"`: a keyword, name or number.
        case word(String)
        case equals
        /// A `"…"` literal, escapes resolved.
        case string(String)
    }

    var kind: Kind
    /// 1-based column of the token's first character.
    var column: Int
    /// 1-based column just after the token.
    var endColumn: Int

    /// The token as written, for messages.
    var spelling: String {
        switch kind {
        case .word(let word): return word
        case .equals: return "="
        case .string(let text): return Action.quoted(text)
        }
    }

    var word: String? {
        if case .word(let word) = kind { return word }
        return nil
    }
}

/// Cuts a script line into tokens. `#` outside a string starts a comment that runs to the end.
/// Strings are `"…"` with the escapes `\"`, `\\`, `\n` and `\t`.
struct ScriptTokenizer {
    /// A problem found while cutting the line: its column and message.
    struct Failure: Error, Equatable {
        var column: Int
        var message: String
    }

    static func tokens(of line: [Unicode.Scalar]) -> Result<[ScriptToken], Failure> {
        var tokens: [ScriptToken] = []
        var index = 0
        func isBlank(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
        while index < line.count {
            let scalar = line[index]
            if isBlank(scalar) {
                index += 1
                continue
            }
            if scalar == "#" { break }
            if scalar == "=" {
                tokens.append(ScriptToken(kind: .equals, column: index + 1, endColumn: index + 2))
                index += 1
                continue
            }
            if scalar == "\"" {
                let start = index
                var text = String.UnicodeScalarView()
                index += 1
                var closed = false
                while index < line.count {
                    let c = line[index]
                    if c == "\"" {
                        closed = true
                        index += 1
                        break
                    }
                    if c == "\\" {
                        guard index + 1 < line.count else { break }
                        let escaped = line[index + 1]
                        switch escaped {
                        case "\"", "\\": text.append(escaped)
                        case "n": text.append("\n")
                        case "t": text.append("\t")
                        default:
                            return .failure(
                                Failure(
                                    column: index + 1,
                                    message:
                                        "unknown escape '\\\(Diagnostic.printable([escaped]))' in a string; "
                                        + "use \\\", \\\\, \\n or \\t"
                                ))
                        }
                        index += 2
                        continue
                    }
                    if c.value < 0x20 && c != "\t" || (0x7F...0x9F).contains(c.value) {
                        // A raw control character would reach every report and terminal that
                        // prints the string; line breaks and tabs have escapes.
                        let code = String(c.value, radix: 16, uppercase: true)
                        return .failure(
                            Failure(
                                column: index + 1,
                                message:
                                    "control character U+\(String(repeating: "0", count: 4 - code.count) + code) in a "
                                    + "string; write a line break as \\n and a tab as \\t"))
                    }
                    text.append(c)
                    index += 1
                }
                guard closed else {
                    return .failure(Failure(column: start + 1, message: "unterminated string: it needs a closing \""))
                }
                tokens.append(ScriptToken(kind: .string(String(text)), column: start + 1, endColumn: index + 1))
                continue
            }
            let start = index
            while index < line.count, !isBlank(line[index]), !"#=\"".unicodeScalars.contains(line[index]) {
                index += 1
            }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: line[start..<index])
            tokens.append(ScriptToken(kind: .word(String(word)), column: start + 1, endColumn: index + 1))
        }
        return .success(tokens)
    }
}
