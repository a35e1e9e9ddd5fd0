import Foundation
import Testing
@testable import MemoryMap

/// Golden files: grids as plain text under `Golden/` next to this file, compared exactly.
/// `POOLMAP_RECORD_GOLDEN=1 swift test --filter MemoryMapTests` re-records them (never in CI).
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["POOLMAP_RECORD_GOLDEN"] == "1" }

    /// Compares `grid`'s text with `Golden/<name>.txt`, or writes it when recording.
    static func check(_ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(text: grid.text, name, sourceLocation: sourceLocation)
    }

    static func check(text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = folder.appendingPathComponent(name + ".txt")
        let actual = text + "\n"
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not record \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing golden file \(file.path); record it with POOLMAP_RECORD_GOLDEN=1",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("\(name) differs from its golden file:\n\(diff(expected: expected, actual: actual))",
                         sourceLocation: sourceLocation)
        }
    }

    /// The differing lines, numbered, expected (`-`) above actual (`+`).
    static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? String(old[index]) : "<none>"
            let b = index < new.count ? String(new[index]) : "<none>"
            guard a != b else { continue }
            out.append(String(format: "%4d - |%@|", index + 1, a))
            out.append(String(format: "%4d + |%@|", index + 1, b))
        }
        return out.joined(separator: "\n")
    }
}
