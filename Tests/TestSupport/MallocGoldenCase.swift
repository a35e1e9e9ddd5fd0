import Foundation

/// One recorded run of OSTEP's malloc.py, from a `.golden` file of the OSTEP simulator's tests:
/// the flags, malloc.py's exit status and its standard output, bytes exact.
///
/// A file is a sequence of cases, each
/// `argv <JSON array of strings>\nexit <status>\nstdout <byte count>\n<the bytes>\n`.
public struct MallocGoldenCase: Sendable, CustomStringConvertible {
    /// The flags (the words after `malloc.py`, and after `poolmap ostep`).
    public let arguments: [String]
    /// malloc.py's exit status: 0, 1 (a Python exception) or 2 (optparse refused a flag).
    public let exitStatus: Int32
    /// malloc.py's standard output.
    public let output: Data

    public var description: String { arguments.description }

    /// The `.golden` files under `folder`, by name.
    public static func files(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "golden" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The cases of the file at `url`, in order.
    public static func read(_ url: URL) throws -> [MallocGoldenCase] {
        let data = try Data(contentsOf: url)
        var cases: [MallocGoldenCase] = []
        var position = data.startIndex
        func line(prefix: String) throws -> Data {
            guard let newline = data[position...].firstIndex(of: 0x0A) else { throw MalformedFile(url: url) }
            let text = data[position..<newline]
            guard text.starts(with: Data(prefix.utf8)) else { throw MalformedFile(url: url) }
            position = newline + 1
            return text.dropFirst(prefix.utf8.count)
        }
        while position < data.endIndex {
            let arguments = try JSONDecoder().decode([String].self, from: try line(prefix: "argv "))
            guard let status = Int32(String(decoding: try line(prefix: "exit "), as: UTF8.self)),
                let count = Int(String(decoding: try line(prefix: "stdout "), as: UTF8.self)),
                position + count < data.endIndex, data[position + count] == 0x0A
            else { throw MalformedFile(url: url) }
            cases.append(
                MallocGoldenCase(arguments: arguments, exitStatus: status, output: data[position..<position + count]))
            position += count + 1
        }
        return cases
    }

    /// A `.golden` file that does not follow the format.
    public struct MalformedFile: Error {
        public let url: URL
    }
}
