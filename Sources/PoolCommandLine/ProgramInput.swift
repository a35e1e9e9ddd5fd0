import PoolFiles

/// A program, or a program's source, given where a script or trace was expected: what the user
/// most likely wants is the program's allocations, which `record` makes. The hint says so.
package enum ProgramInput {
    /// File name endings of source code that compiles to a program (C, C++, Objective-C, Rust, Go, Zig).
    static let sourceExtensions: Set<String> = [
        "c", "h", "cc", "cpp", "cxx", "c++", "hpp", "hh", "m", "mm", "rs", "go", "zig",
    ]

    /// The hint for `path`, which failed to parse as a script or trace: for source code (by its
    /// name) or a binary file (`isBinary`: the parser met a NUL byte), the `record` command that
    /// shows the program's allocations; nil for anything else.
    package static func hint(path: String, isBinary: Bool, toolName: String) -> String? {
        let name = FileSystem.baseName(of: path)
        if let dot = name.lastIndex(of: "."), dot != name.startIndex,
            sourceExtensions.contains(name[name.index(after: dot)...].lowercased())
        {
            let program = "./" + name[..<dot]
            return "\(path) looks like source code, not a script or trace; to see a program's allocations, "
                + "build it and record it: \(toolName) record -- \(program)"
        }
        guard isBinary else { return nil }
        let program = path.contains("/") ? path : "./" + path
        return "\(path) is a binary file, not a script or trace (nor an mtrace log or PyTorch snapshot, the other "
            + "formats read); if it is a program, record its allocations: \(toolName) record -- \(program)"
    }
}
