/// One frame of a recorded call stack: Python's or C++'s.
public struct StackFrame: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var filename: String
    public var line: Int
    public var name: String

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
