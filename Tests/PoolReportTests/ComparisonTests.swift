import PoolAllocator
import Testing

@testable import PoolReport
@testable import PoolScript

/// `poolmap compare` without a terminal: one run per policy, ranked.
@Suite struct ComparisonTests {
    static let script = """
        pool 550
        a = alloc 200
        s1 = alloc 100
        b = alloc 150
        s2 = alloc 100
        free a
        free b
        c = alloc 120
        d = alloc 80
        e = alloc 150
        """

    static func compare(_ text: String, _ policies: [FitPolicy] = FitPolicy.allCases) throws -> Comparison {
        try Comparison(.script(try ScriptParser.parse(text, fileName: "c.pool")), policies: policies, poolSize: 4096)
    }

    @Test func everyPolicyRunsTheSameStatementsAndTheRankingOrdersThem() throws {
        let comparison = try Self.compare(Self.script)
        let byPolicy = Dictionary(uniqueKeysWithValues: comparison.ranking.map { ($0.policy, $0) })
        // Best fit takes the 150 B hole for the 120 B request and then cannot place 150 B.
        #expect(byPolicy[.first]?.failedAllocations == 0)
        #expect(byPolicy[.best]?.failedAllocations == 1)
        #expect(comparison.ranking.first?.failedAllocations == 0)
        #expect(comparison.ranking.last?.policy == .best || comparison.ranking.last?.failedAllocations == 1)
        // Each result is what a run under that policy reports.
        for result in comparison.ranking {
            let report = try RunReport.run(
                try ScriptParser.parse(Self.script, fileName: "c.pool"), poolSize: 4096, policy: result.policy)
            #expect(result.stats == report.final.pool.stats, "\(result.policy)")
        }
    }

    @Test func theTableAndTheJSON() throws {
        let comparison = try Self.compare(Self.script, [.first, .best])
        #expect(
            comparison.text == """
                rank  policy     failed allocs  high water  peak fragmentation  largest free at end  used at end  \
                peak live  utilization  heap fragmentation
                1     first fit  0              550 B       0.4286 (42.86%)     0 B                  550 B        \
                550 B      100%         0%
                2     best fit   1              550 B       0.4286 (42.86%)     120 B                400 B        \
                550 B      100%         0%

                """)
        #expect(comparison.json.hasPrefix("{\"policies\": [\n  {\"policy\": \"first\", \"stats\": {\"total\": 550"))
        #expect(comparison.json.contains("\"failed_allocs\": 1, \"peak_fragmentation\": 0.42857142857142"))
        // Every block of the full pool was live at once: 550 B, the whole pool, under both.
        #expect(
            comparison.json.contains(
                "\"high_water\": 550, \"peak_live\": 550, \"utilization\": 1.0, \"heap_fragmentation\": 0.0}"))
        #expect(comparison.json.hasSuffix("}\n]}\n"))
    }

    /// docs/semantics.md's worked example: first and best fit fill the hole a free left and stay
    /// below 900 B; next and worst fit go on above and reach 1,000 B, and so rank after them.
    @Test func theHighWaterMarkRanks() throws {
        let comparison = try Self.compare(
            "pool 1K\na = alloc 300\nb = alloc 200\nfree a\nc = alloc 100\nd = alloc 400\n")
        #expect(comparison.ranking.map(\.policy) == [.first, .best, .next, .worst])
        #expect(
            comparison.ranking.map(\.figures.highWater) == [900, 900, 1000, 1000]
                && comparison.ranking.allSatisfy { $0.figures.peakLive == 700 })
        #expect(comparison.text.contains("\n4     worst fit  0              1000 B      "))
        #expect(comparison.text.hasSuffix("700 B      70%          42.9%\n"))
    }

    @Test func runtimeErrorsAreReportedOnce() throws {
        var errors: [String] = []
        let comparison = try Comparison(
            .script(try ScriptParser.parse("pool 1K\nfree nope\n", fileName: "e.pool")), policies: [.first, .best],
            poolSize: 1024, errors: { errors.append($0) })
        #expect(comparison.runtimeErrors == 1)
        #expect(
            errors == [
                "e.pool:2: error: cannot free 'nope': the name is not bound to a block: it was never allocated\n"
            ])
    }
}
