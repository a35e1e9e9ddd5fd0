import Foundation
import Testing

@testable import PoolRecord

@Suite struct TracerSourceTests {
    /// The tracer's C file, found from this file.
    static let sourceFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/PoolRecord/Tracer/poolmap-tracer.c")

    @Test func theEmbeddedTextEqualsTheCFileByteForByte() throws {
        let onDisk = try Data(contentsOf: Self.sourceFile)
        #expect(
            Array(onDisk) == Array(TracerSource.text.utf8),
            "poolmap-tracer.c changed since it was embedded: run python3 scripts/embed-tracer.py")
    }
}
