import Foundation
import Testing

@testable import PoolScript

@Suite struct DemoLibraryTests {
    /// The repository's `demos/` folder, found from this file.
    static let demosFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("demos")

    static func demoFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: demosFolder.path)
            .filter { $0.hasSuffix(".pool") || $0.hasSuffix(".trace") }.sorted()
    }

    @Test func theEmbeddedTextEqualsTheFilesByteForByte() throws {
        let files = try Self.demoFiles()
        #expect(
            files == DemoLibrary.embeddedFiles.map(\.fileName).sorted(),
            "demos/ and the embedded demos differ: run python3 scripts/embed-demos.py")
        for file in DemoLibrary.embeddedFiles {
            let onDisk = try Data(contentsOf: Self.demosFolder.appendingPathComponent(file.fileName))
            #expect(
                Array(onDisk) == Array(file.text.utf8),
                "\(file.fileName) changed since it was embedded: run python3 scripts/embed-demos.py")
        }
    }

    @Test func theIssuesDemosAreThere() {
        for name in [
            "fragmentation", "classic-examples", "alignment", "first-fit", "defrag", "awk-buckets", "policies",
        ] {
            #expect(DemoLibrary.named(name) != nil, "missing demo \(name)")
        }
        #expect(DemoLibrary.all.first?.name == DemoLibrary.defaultName)
        #expect(DemoLibrary.named("alignment.pool")?.name == "alignment")
        #expect(DemoLibrary.named("nope") == nil)
        #expect(DemoLibrary.named("awk-buckets")?.kind == .trace)
    }

    @Test func everyDemoParsesAndRunsWithoutErrors() throws {
        for demo in DemoLibrary.all {
            let script = try demo.script()
            let report = try RunReport.run(script, poolSize: ScriptRunner.defaultPoolSize(for: script))
            #expect(report.errorLines == [], "\(demo.name)")
            #expect(!demo.summary.isEmpty && !demo.summary.contains("\n"))
        }
    }

    @Test func theListing() {
        #expect(
            DemoLibrary.listing == """
                fragmentation     Fragmentation: a large allocation fails although enough bytes are free, until a \
                defragment
                alignment         Alignment: padding before aligned blocks, and the internal fragmentation it costs
                awk-buckets       a real allocation trace: awk: grouping 3000 numbers into 97 string buckets (mawk)
                classic-examples  The classic memory-pool exercise, worked: each of its examples as a scene, with \
                its figures
                defrag            Defragment: the old-to-new offset mapping, and names that follow their blocks
                first-fit         First fit: why the lowest hole is chosen, and what that costs
                free-list         Free lists: OSTEP's heap, its headers, coalescing, and how the list's order decides \
                it
                policies          Policies: best fit leaves slivers that first fit avoids, and saves a request that \
                first fit fails

                """)
    }

    /// The default demo tells its story: a large allocation fails with enough bytes free, a
    /// defragment follows, and the same allocation then succeeds.
    @Test func theFragmentationStory() throws {
        let script = try #require(DemoLibrary.named("fragmentation")).script()
        let steps = try RunReport.run(script, poolSize: 65536).steps
        let bigs = steps.filter { if case .alloc("big", _, _, _) = $0.operation { true } else { false } }
        #expect(bigs.count == 2)
        guard case .allocationFailed(let message) = bigs.first?.outcome else {
            Issue.record("no failure")
            return
        }
        #expect(message == "alloc 1 KiB failed: 2 KiB free, but the largest free block is 256 B")
        guard case .offset = bigs.last?.outcome else {
            Issue.record("no success")
            return
        }
        let defragIndex = try #require(steps.firstIndex { $0.operation == .defrag })
        #expect(steps.firstIndex(of: bigs[0])! < defragIndex && defragIndex < steps.lastIndex(of: bigs[1])!)
    }
}
