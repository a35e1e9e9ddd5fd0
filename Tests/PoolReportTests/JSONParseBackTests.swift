import Foundation
import PoolAllocator
import Testing

@testable import PoolReport
@testable import PoolScript

/// Every JSON text the reports write reads back with a real parser (Foundation's), and a few
/// values survive the trip: the run report, `--every` lines and the comparison. (The cast's
/// lines are checked beside the recorder, in `CastJSONTests`.)
@Suite struct JSONParseBackTests {
    /// Allocations, a failure, a runtime error, a defrag (its result is a mapping) and
    /// a `stats` statement (a stats result): every shape of step.
    static let script = """
        pool 1K policy best
        a = alloc 100
        b = alloc 300 align 256
        c = alloc 2K
        free a
        free nope
        say "a caption: \\"quoted\\" \\\\ 😀"
        defrag
        stats
        """

    static func object(_ text: some StringProtocol) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theRunReport() throws {
        let parsed = try ScriptParser.parse(Self.script, fileName: "j.pool")
        let report = try RunReport.run(parsed, poolSize: 4096)
        let json = try Self.object(report.json)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count == 8)  // `say` is not a pool operation
        #expect(steps[0]["op"] as? String == "pool" && steps[0]["policy"] as? String == "best")
        #expect(steps[2]["align"] as? Int == 256 && steps[2]["result"] as? Int == 256)
        #expect(steps[3]["result"] is NSNull)
        #expect((steps[3]["message"] as? String)?.isEmpty == false)
        #expect((steps[5]["error"] as? String)?.contains("'nope'") == true)
        #expect(steps[6]["op"] as? String == "defrag" && steps[6]["result"] is [String: Any])
        #expect((steps[7]["result"] as? [String: Any])?["total"] as? Int == 1024)
        let stats = try #require(json["stats"] as? [String: Any])
        #expect(stats["total"] as? Int == 1024 && stats["used"] as? Int == report.final.pool.stats.used)
        #expect(stats["fragmentation"] as? Double == report.final.pool.stats.fragmentation)
        #expect(json["policy"] as? String == "best")
        let regions = try #require(json["regions"] as? [[String: Any]])
        #expect(regions.count == report.final.pool.regions.count)
        #expect(regions.contains { $0["name"] as? String == "b" && $0["kind"] as? String == "used" })
    }

    @Test func everyLine() throws {
        let parsed = try ScriptParser.parse(Self.script, fileName: "j.pool")
        var output = ""
        _ = try HeadlessRun.run(
            .script(parsed), poolSize: 4096, format: .json, width: 16, every: true, output: { output += $0 },
            errors: { _ in })
        let lines = output.split(separator: "\n")
        #expect(lines.count == 8)
        for line in lines {
            let json = try Self.object(line)
            #expect(json["step"] is [String: Any])
            #expect(json["policy"] as? String == "best")
            #expect((json["stats"] as? [String: Any])?["total"] as? Int == 1024)
            #expect(json["regions"] is [Any])
        }
        let first = try Self.object(lines[1])
        #expect((first["step"] as? [String: Any])?["size"] as? Int == 100)
    }

    @Test func theComparison() throws {
        let parsed = try ScriptParser.parse(Self.script, fileName: "j.pool")
        let comparison = try Comparison(.script(parsed), policies: [.worst, .first], poolSize: 4096)
        let json = try Self.object(comparison.json)
        let policies = try #require(json["policies"] as? [[String: Any]])
        #expect(policies.map { $0["policy"] as? String } == comparison.ranking.map(\.policy.rawValue))
        #expect(policies.first?["failed_allocs"] as? Int == comparison.ranking.first?.failedAllocations)
        #expect((policies.first?["stats"] as? [String: Any])?["total"] as? Int == 1024)
        #expect(policies.first?["peak_fragmentation"] as? Double == comparison.ranking.first?.peakFragmentation)
    }
}
