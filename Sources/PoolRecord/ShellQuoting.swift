/// Words quoted so a POSIX shell (bash, zsh, dash for the plain forms) reads them back as they
/// are: for the trace header's command line and the `poolmap play FILE` hint.
package enum ShellQuoting {
    /// The words joined by spaces, each quoted only when it needs it.
    package static func commandLine(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    /// `word` as it would be typed: bare when only safe characters, `'…'` otherwise, and `$'…'`
    /// with escapes when it holds control characters (a newline would end a comment line).
    package static func quote(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy(isSafe) { return word }
        if word.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            var quoted = "$'"
            for scalar in word.unicodeScalars {
                switch scalar {
                case "\n": quoted += "\\n"
                case "\t": quoted += "\\t"
                case "\r": quoted += "\\r"
                case "\\": quoted += "\\\\"
                case "'": quoted += "\\'"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F {
                        let hex = String(scalar.value, radix: 16)
                        quoted += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                    } else {
                        quoted.unicodeScalars.append(scalar)
                    }
                }
            }
            return quoted + "'"
        }
        return "'" + word.replacingAll("'", with: "'\\''") + "'"
    }

    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        case "_", "-", ".", "/", ",", ":", "@", "%", "+", "=": return true
        default: return false
        }
    }
}

extension String {
    /// Every `target` replaced (without Foundation).
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
