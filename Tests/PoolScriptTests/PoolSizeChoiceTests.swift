import Testing

@testable import PoolAllocator
@testable import PoolScript

@Suite struct PoolSizeChoiceTests {
    @Test func theChoiceFollowsTheInputAndTheOption() throws {
        #expect(PoolSizeChoice(kind: .trace, sizeGiven: false) == .tracePeak)
        #expect(PoolSizeChoice(kind: .script, sizeGiven: false) == .scriptDefault)
        #expect(PoolSizeChoice(kind: .trace, sizeGiven: true) == .given)
        #expect(
            PoolSizeChoice.tracePeak.heading(policy: .first, poolSize: 49 * 1024)
                == "first fit · 49 KiB pool (peak live × 1.25)")
        #expect(PoolSizeChoice.given.heading(policy: .worst, poolSize: 1000) == "worst fit · 1000 B pool (--size)")
    }

    @Test func aPoolStatementTakesOver() throws {
        let script = try ScriptParser.parse("a = alloc 10\npool 2KiB policy best\nb = alloc 10\n", fileName: "s.pool")
        let report = try RunReport.run(script, poolSize: nil)
        #expect(report.sizeChoice == .scriptDefault)
        #expect(report.heading == "best fit · 2 KiB pool (the script's pool statement)")
        let before = try RunReport.run(
            try ScriptParser.parse("a = alloc 10\n", fileName: "s.pool"), poolSize: nil)
        #expect(before.heading == "first fit · 64 KiB pool (the default for scripts)")
    }
}
