/// Reads malloc.py's flags as Python's optparse does: `--flag=value` and `--flag value`,
/// `-s5` and `-s 5`, clustered switches (`-Cc`, `-Cs5`), a value that begins with `-`
/// (`-A -0,+5`), `--` ending the flags, words that are not flags ignored (malloc.py ignores
/// them), numbers read by `PythonInteger(parsingOption:)`, the last of a repeated flag winning.
/// `-h`/`--help` asks for help where it stands; a mistake before it wins.
///
/// Unlike optparse, an abbreviated long flag (`--see 3`) is refused, and numbers are bounded
/// to `|v| < 2^63`.
public enum MallocOptionReader {
    /// What the arguments asked for.
    public enum Request: Sendable, Equatable {
        /// A run with these options.
        case run(MallocOptions)
        /// The help text.
        case help
    }

    private enum Kind {
        case integer(WritableKeyPath<MallocOptions, Int>)
        case text(WritableKeyPath<MallocOptions, String>)
        case flag(WritableKeyPath<MallocOptions, Bool>)
        case help
    }

    private struct Option {
        let short: Character
        let long: String
        let kind: Kind
    }

    private static var options: [Option] {
        [
            Option(short: "h", long: "help", kind: .help),
            Option(short: "s", long: "seed", kind: .integer(\.seed)),
            Option(short: "S", long: "size", kind: .integer(\.heapSize)),
            Option(short: "b", long: "baseAddr", kind: .integer(\.baseAddress)),
            Option(short: "H", long: "headerSize", kind: .integer(\.headerSize)),
            Option(short: "a", long: "alignment", kind: .integer(\.alignment)),
            Option(short: "p", long: "policy", kind: .text(\.policy)),
            Option(short: "l", long: "listOrder", kind: .text(\.listOrder)),
            Option(short: "C", long: "coalesce", kind: .flag(\.coalesce)),
            Option(short: "n", long: "numOps", kind: .integer(\.operationCount)),
            Option(short: "r", long: "range", kind: .integer(\.sizeRange)),
            Option(short: "P", long: "percentAlloc", kind: .integer(\.percentAlloc)),
            Option(short: "A", long: "allocList", kind: .text(\.allocList)),
            Option(short: "c", long: "compute", kind: .flag(\.compute)),
        ]
    }

    /// Reads `arguments` (those after `poolmap ostep`).
    /// - Throws: a flag failure (exit status 64) naming the first flag that is unknown, lacks
    ///   its value, has a value it does not take, or has a number that is not one or is too large.
    /// - Complexity: O(total length of the arguments).
    public static func read(_ arguments: [String]) throws(MallocFailure) -> Request {
        var values = MallocOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--" { break }
            if argument.hasPrefix("--") {
                var name = argument
                var attached: String?
                let scalars = argument.unicodeScalars
                if let equals = scalars.firstIndex(of: "=") {
                    name = String(scalars[..<equals])
                    attached = String(scalars[scalars.index(after: equals)...])
                }
                guard let option = options.first(where: { "--" + $0.long == name }) else {
                    let prefixOf = options.filter { ("--" + $0.long).hasPrefix(name) }.map { "--" + $0.long }
                    let hint = prefixOf.isEmpty ? "" : " (write it out: \(prefixOf.joined(separator: ", ")))"
                    throw .flag("no such option: \(name)\(hint)")
                }
                switch option.kind {
                case .help, .flag:
                    if attached != nil { throw .flag("\(name) option does not take a value") }
                    if case .help = option.kind { return .help }
                case .integer, .text:
                    guard let value = attached ?? rest.popFirst() else {
                        throw .flag("\(name) option requires 1 argument")
                    }
                    try store(value, for: option, as: name, in: &values)
                    continue
                }
                try store("", for: option, as: name, in: &values)
            } else if argument.hasPrefix("-") && argument.unicodeScalars.count > 1 {
                // Each character after the dash is a switch; one that takes a value takes the
                // rest of the word, or else the next argument.
                var characters = argument.unicodeScalars.dropFirst()
                while let scalar = characters.popFirst() {
                    let name = "-" + String(scalar)
                    guard let option = options.first(where: { String($0.short) == String(scalar) }) else {
                        throw .flag("no such option: \(name)")
                    }
                    switch option.kind {
                    case .help:
                        return .help
                    case .flag:
                        try store("", for: option, as: name, in: &values)
                    case .integer, .text:
                        let value: String
                        if !characters.isEmpty {
                            value = String(characters)
                        } else if let next = rest.popFirst() {
                            value = next
                        } else {
                            throw .flag("\(name) option requires 1 argument")
                        }
                        try store(value, for: option, as: name, in: &values)
                        characters = characters.suffix(0)
                    }
                }
            }
            // Any other word is an argument malloc.py ignores.
        }
        return .run(values)
    }

    private static func store(
        _ value: String, for option: Option, as name: String, in values: inout MallocOptions
    ) throws(MallocFailure) {
        switch option.kind {
        case .help: break
        case .flag(let path): values[keyPath: path] = true
        case .text(let path): values[keyPath: path] = value
        case .integer(let path):
            switch PythonInteger(parsingOption: value) {
            case .value(let number): values[keyPath: path] = number
            case .tooLarge: throw .refusal("option \(name): \(value) is too large (poolmap reads |v| < 2^63)")
            case .invalid: throw .flag("option \(name): invalid integer value: '\(value)'")
            }
        }
    }
}
