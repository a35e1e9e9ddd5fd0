import PoolAllocator
import Testing

@testable import PoolReport
@testable import PoolScript

/// `compare` on heap scenes: malloc.py's policies side by side, and `--orders`: the same
/// requests under two to four list orders, ranked as policies are.
@Suite struct HeapComparisonTests {
    /// Three blocks freed b, a, c and a request for the whole heap: under ADDRSORT coalescing
    /// merges them all and it fits; sorted by size, a and b touch but are not list neighbours.
    static let script = """
        heap 64 header 4 coalesce
        a = alloc 10
        b = alloc 10
        c = alloc 10
        free b
        free a
        free c
        x = alloc 40
        """

    static func input() throws -> HeadlessRun.Input {
        .script(try ScriptParser.parse(Self.script, fileName: "h.pool"))
    }

    @Test func ordersAreRankedByTheirResults() throws {
        let comparison = try Comparison(
            try Self.input(), orders: [.sizeAscending, .addressSorted, .insertFront], poolSize: 1024)
        #expect(comparison.ranking.map(\.listOrder) == [.addressSorted, .sizeAscending, .insertFront])
        #expect(comparison.ranking.map(\.failedAllocations) == [0, 1, 1])
        #expect(comparison.ranking.allSatisfy { $0.policy == .best }, "each heap's own policy")
        #expect(comparison.text.hasPrefix("rank  list order "))
        #expect(comparison.text.contains("\n1     addrsort "))
        #expect(comparison.json.contains(#""policy": "best", "order": "ADDRSORT""#))
    }

    @Test func policiesCompareTheHeapsSearch() throws {
        let comparison = try Comparison(try Self.input(), policies: [.first, .best, .worst], poolSize: 1024)
        #expect(comparison.ranking.map(\.policy) == [.first, .best, .worst])
        #expect(comparison.ranking.allSatisfy { $0.stats.total == 64 }, "the heap's figures, not the pool's")
        #expect(!comparison.json.contains("\"order\""), "policies compared: no order key")
    }

    @Test func theHeapsFiguresAreRankedAndShown() throws {
        // Blocks of 14 B (10 asked for, a 4-byte header): the three live at once end at 42;
        // x, when it fits, takes 44 B from 1000.
        let comparison = try Comparison(
            try Self.input(), orders: [.sizeAscending, .addressSorted], poolSize: 1024)
        let figures = comparison.ranking.map(\.figures)
        #expect(figures == [PoolFigures(highWater: 44, peakLive: 40), PoolFigures(highWater: 42, peakLive: 30)])
        #expect(comparison.json.contains(#""high_water": 44, "peak_live": 40"#))
        #expect(!comparison.text.contains(" – "), "utilization and heap fragmentation are defined")
    }
}
