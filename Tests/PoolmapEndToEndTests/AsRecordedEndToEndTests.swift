import Foundation
import Testing

/// `poolmap run snap.pickle`: a PyTorch snapshot reported as recorded — text and JSON — and
/// the options that ask for the replay instead.
@Suite struct AsRecordedEndToEndTests {
    static let snapshot = "Tests/PoolSnapshotTests/Fixtures/actions-p4.pickle"

    @Test func theTextReportShowsSegmentsStatsAndTheExplainedOOM() throws {
        let result = try Poolmap.run(["run", Self.snapshot, "--width", "24", "--events", "3"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.isEmpty)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            Array(lines.prefix(9)) == [
                "as recorded: device 0 of \(Self.snapshot), 24 MiB of addresses in 3 ranges (the gaps between them left out)",
                "█░████░░░░░░░░░░░░░░····",  // 1 MiB a cell: 1 used, 1 free, 4 used, 14 free, b and c
                "█ used  ▓ pending free  ░ free  · unreserved",
                "reserved 20 MiB  allocated 5 MiB  pending free 0 B  reserved but unallocated 15 MiB",
                "free blocks 2  largest free 14 MiB  fragmentation 0.0667 (6.67%)",
                "segments: 1",
                "  0x7f0000000000  20 MiB large  at offset 0x0000",
                "summary: 15 events, 1 OOM, 0 errors",
                "events: the last 15 of 15 (--events all lists every one)",
            ])
        #expect(
            result.output.contains(
                "   9  oom 2 GiB  → OOM: 2.00 GiB requested; 0.80 GiB free on the device; 0.02 GiB reserved but "
                    + "unallocated in 2 free blocks, the largest 0.01 GiB\n"))
    }

    @Test func theJSONReportIsAsRecorded() throws {
        let result = try Poolmap.run(["run", Self.snapshot, "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(report["policy"] as? String == "as-recorded")
        let steps = try #require(report["steps"] as? [[String: Any]])
        #expect(steps.map { $0["op"] as? String ?? "" }.prefix(3) == ["segment_alloc", "alloc", "alloc"])
        #expect((steps[8]["message"] as? String)?.hasPrefix("OOM: 2.00 GiB requested; 0.80 GiB free") == true)
        let regions = try #require(report["regions"] as? [[String: Any]])
        #expect(regions.map { $0["kind"] as? String ?? "" } == ["used", "free", "used", "free", "unreserved"])
        #expect(regions[2]["address"] as? Int == 0x7F00_0020_0000)
        #expect(regions[2]["segment"] as? Int == 0x7F00_0000_0000)
        #expect(regions[2]["offset"] as? Int == 2 << 20)
        #expect(regions[4]["segment"] is NSNull)
        #expect(report["end_check"] is NSNull)
    }

    @Test func theReplayIsAskedForByReplayPolicySizeOrEvery() throws {
        for options in [["--replay"], ["--policy", "best"], ["--size", "1GiB"], ["--every"]] {
            let result = try Poolmap.run(["run", Self.snapshot, "--events", "0"] + options)
            #expect(result.status == 0, "\(options): \(result.error)")
            #expect(!result.output.hasPrefix("as recorded"), "\(options)")
        }
    }

    /// `play`, `compare` and `demo gpu-oom` show a snapshot as recorded (here recorded headless):
    /// the recorded layout's legend, the panel, the band, the demo's captions.
    @Test func playCompareAndTheDemoShowTheSnapshotAsRecorded() throws {
        let folder = Poolmap.scratchFolder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func recording(_ arguments: [String]) throws -> String {
            let path = folder.appendingPathComponent(UUID().uuidString + ".cast").path
            let result = try Poolmap.run(arguments + ["--record", path, "--speed", "1000"])
            #expect(result.status == 0, "\(arguments): \(result.error)")
            return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        }
        let played = try recording(["play", Self.snapshot])
        #expect(played.contains("as recorded"))
        #expect(played.contains("As recorded"))
        #expect(played.contains("unres"))
        let compared = try recording(["compare", Self.snapshot])
        #expect(compared.contains("mas recorded"))  // the band's name, after its style
        #expect(compared.contains("  reserved 20 MiB  unallocated"))
        #expect(compared.contains("worst fit"))
        let demo = try recording(["demo", "gpu-oom"])
        #expect(demo.contains("Loading the model: 32 weight tensors of 32 MiB"))
        #expect(demo.contains("OOM: 0.55 GiB requested"))
        // --replay keeps the replay: no recorded layout.
        let replayed = try recording(["play", Self.snapshot, "--replay"])
        #expect(!replayed.contains("As recorded"))
    }
}
