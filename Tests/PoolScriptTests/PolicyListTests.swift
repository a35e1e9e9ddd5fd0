import PoolAllocator
import Testing

@testable import PoolScript

/// The one ranking of policies (`PolicyResult`) and the one reader of a list of policies
/// (`PolicyList`), which the script's `compare` line and `poolmap compare --policies` share.
@Suite struct PolicyListTests {
    /// A run's result with the figures the ranking reads; the rest of no consequence.
    static func result(
        _ policy: FitPolicy, failed: Int, highWater: Int = 600, peak: Double, largest: Int = 1000
    ) -> PolicyResult {
        PolicyResult(
            policy: policy,
            stats: PoolStats(
                total: 1000, used: 0, free: 1000, blockCount: 0, fragmentation: 0, padding: 0, largestFree: largest,
                freeBlockCount: 1), failedAllocations: failed, peakFragmentation: peak,
            figures: PoolFigures(highWater: highWater, peakLive: 100), runtimeErrors: 0)
    }

    @Test func rankingRules() {
        let ranked = PolicyResult.ranked(
            [
                Self.result(.first, failed: 2, peak: 0.1, largest: 900),
                Self.result(.next, failed: 1, peak: 0.5, largest: 100),
                Self.result(.best, failed: 1, peak: 0.2, largest: 100),
                Self.result(.worst, failed: 1, peak: 0.2, largest: 500),
            ], order: FitPolicy.allCases)
        #expect(ranked.map(\.policy) == [.worst, .best, .next, .first])
        let ties = PolicyResult.ranked(
            [
                Self.result(.best, failed: 0, peak: 0, largest: 10),
                Self.result(.first, failed: 0, peak: 0, largest: 10),
            ],
            order: [.first, .best])
        #expect(ties.map(\.policy) == [.first, .best], "ties keep the order asked for")
    }

    /// The high-water mark comes after the failures and before peak fragmentation.
    @Test func theHighWaterMarkRanksBetweenFailuresAndPeakFragmentation() {
        let ranked = PolicyResult.ranked(
            [
                Self.result(.first, failed: 1, highWater: 100, peak: 0),
                Self.result(.next, failed: 0, highWater: 900, peak: 0),
                Self.result(.best, failed: 0, highWater: 400, peak: 0.9),
                Self.result(.worst, failed: 0, highWater: 400, peak: 0.3),
            ], order: FitPolicy.allCases)
        #expect(ranked.map(\.policy) == [.worst, .best, .next, .first])
    }

    @Test func aListIsTwoToFourDifferentPolicies() throws {
        #expect(try PolicyList.parse(commaSeparated: "first,best") == [.first, .best])
        #expect(try PolicyList.parse(commaSeparated: " worst , next,first,best") == [.worst, .next, .first, .best])
        #expect(throws: PolicyList.Problem.count(1)) { try PolicyList.parse(commaSeparated: "first") }
        #expect(throws: PolicyList.Problem.unknown("")) { try PolicyList.parse(commaSeparated: "first,") }
        #expect(throws: PolicyList.Problem.unknown("fastest")) { try PolicyList.parse(commaSeparated: "fastest,best") }
        #expect(throws: PolicyList.Problem.repeated(.best)) { try PolicyList.parse(commaSeparated: "best,first,best") }
    }

    @Test func theMessagesNameEveryPolicy() {
        #expect(PolicyList.names() == "first, next, best or worst")
        #expect(PolicyList.names(conjunction: "and") == "first, next, best and worst")
        #expect(PolicyList.valueName == "first|next|best|worst")
        #expect(
            PolicyList.Problem.unknown("x").description
                == "unknown policy 'x'; the policies are first, next, best or worst")
        #expect(PolicyList.Problem.repeated(.next).description == "'next' is named twice; name each policy once")
        #expect(PolicyList.Problem.count(5).description == "needs two to four policies")
    }
}
