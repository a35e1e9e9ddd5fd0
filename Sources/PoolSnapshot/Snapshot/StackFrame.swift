/// One frame of a recorded call stack: Python's or C++'s.
public struct StackFrame: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The source file, as the snapshot names it.
    public var filename: String
    /// The line in `filename`.
    public var line: Int
    /// The function's name.
    public var name: String

    /// Creates the frame at `filename`:`line` in the function `name`.
    public init(filename: String, line: Int, name: String) {
        self.filename = filename
        self.line = line
        self.name = name
    }

    /// `file.py:42:forward`, with the file's last path component, as `_memory_viz.py` writes it.
    public var description: String {
        let file = filename.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? filename
        return "\(file):\(line):\(name)"
    }
}
