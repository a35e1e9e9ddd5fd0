import Foundation
import MemoryMap
import Testing

/// Golden files: expected output as text files under a test folder's `Golden/`, compared
/// exactly. `POOLMAP_RECORD_GOLDEN=1 swift test` re-records them (never set in CI); review the
/// diff before committing.
public struct Golden: Sendable {
    /// The folder the files live in.
    public let folder: URL

    /// The `Golden/` folder beside the test file that names it: `Golden(#filePath)`.
    public init(_ testFile: String) {
        folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// Whether this run re-records golden files instead of comparing them.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["POOLMAP_RECORD_GOLDEN"] == "1" }

    /// Compares `actual` with the file `name` (a path under the folder, extension included), or
    /// writes it when recording. A difference is recorded as an issue listing the lines that differ.
    public func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = folder.appendingPathComponent(name)
        if Self.isRecording {
            do {
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: file)
            } catch {
                Issue.record("could not record \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "missing golden file \(file.path); record it with POOLMAP_RECORD_GOLDEN=1",
                sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let difference = Self.diff(expected: expected, actual: actual)
            Issue.record(
                "\(name) differs from its golden file (POOLMAP_RECORD_GOLDEN=1 re-records):\n\(difference)",
                sourceLocation: sourceLocation)
        }
    }

    /// The differing lines, numbered, expected (`-`) above actual (`+`).
    public static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? String(old[index]) : "<none>"
            let b = index < new.count ? String(new[index]) : "<none>"
            guard a != b else { continue }
            let number = String(index + 1)
            let padded = String(repeating: " ", count: max(0, 4 - number.count)) + number
            out.append("\(padded) - |\(a)|")
            out.append("\(padded) + |\(b)|")
        }
        return out.joined(separator: "\n")
    }
}

extension Golden {
    /// Compares a rendered screen's text (one line per row, trailing blanks kept) with
    /// `<name>.txt`.
    public func check(_ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(grid.text + "\n", name + ".txt", sourceLocation: sourceLocation)
    }
}
