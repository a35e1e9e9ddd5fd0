import PoolAllocator
import TestSupport
import Testing

@testable import PoolScript

/// Placement policies in scripts: `pool SIZE policy NAME`, a leading `compare` line, and a run's
/// policy that overrides the script's.
@Suite struct PolicyScriptTests {
    func diagnostics(_ text: String) -> String {
        do {
            _ = try ScriptParser.parse(text, fileName: "p.pool")
            return ""
        } catch {
            return error.description
        }
    }

    @Test func aPoolNamesItsPolicy() throws {
        let script = try ScriptParser.parse("pool 4KiB policy best\npool 1K\n", fileName: "p.pool")
        #expect(script.statements.map(\.action) == [.pool(size: 4096, policy: .best), .pool(size: 1024, policy: nil)])
        #expect(script.statements[0].action.description == "pool 4096 policy best")
        let report = try RunReport.run(script, poolSize: 64)
        #expect(report.steps[0].operation == .pool(size: 4096, policy: .best))
        #expect(report.steps[1].operation == .pool(size: 1024, policy: .first))
        #expect(report.final.pool.policy == .first)
    }

    @Test func badPoliciesAreSyntaxErrorsNamingTheFour() {
        #expect(
            diagnostics("pool 4K policy fastest\n").hasPrefix(
                "p.pool:1:16: error: unknown policy 'fastest'; the policies are first, next, best or worst"))
        #expect(
            diagnostics("pool 4K policy\n").contains("'policy' needs a placement policy: first, next, best or worst"))
    }

    @Test func aLeadingCompareLineNamesTwoToFourPolicies() throws {
        let script = try ScriptParser.parse("# header\n\ncompare first best\npool 1K\nalloc 5\n", fileName: "c.pool")
        #expect(script.comparePolicies == [.first, .best])
        #expect(script.statements.count == 2, "compare is not a statement")
        #expect(try ScriptParser.parse("alloc 5\n", fileName: "c.pool").comparePolicies == nil)
        #expect(diagnostics("pool 1K\ncompare first best\n").contains("'compare' must come first in a script"))
        #expect(diagnostics("compare first\n").contains("'compare' needs two to four policies"))
        #expect(diagnostics("compare first best first\n").contains("'first' is named twice; name each policy once"))
        #expect(diagnostics("compare first fast\n").contains("unknown policy 'fast'"))
    }

    @Test func aRunsPolicyOverridesTheScripts() throws {
        let script = try ScriptParser.parse("pool 1K policy worst\na = alloc 10\npool 2K\n", fileName: "p.pool")
        let report = try RunReport.run(script, poolSize: 64, policy: .next)
        #expect(report.steps[0].operation == .pool(size: 1024, policy: .next))
        #expect(report.final.pool.policy == .next)
        var runner = try ScriptRunner(script: script, poolSize: 64, policy: .best)
        #expect(runner.pool.policy == .best, "the pool before any pool statement too")
        _ = runner.step()
        #expect(runner.pool.policy == .best)
    }

    /// The real trace of demos/ under each policy: every offset and the final layout are the
    /// reference model's.
    @Test(arguments: FitPolicy.allCases)
    func theRealTraceUnderEachPolicyMatchesTheModel(policy: FitPolicy) throws {
        let demo = try #require(DemoLibrary.named("awk-buckets"))
        let trace = try demo.script()
        let size = trace.tracePoolSize
        let report = try RunReport.run(trace, poolSize: size, policy: policy)
        var model = ReferenceModel(total: size, policy: policy)
        var live: [Int: Int] = [:]
        for (statement, step) in zip(trace.statements, report.steps) {
            switch statement.action {
            case .traceAlloc(let id, let bytes, let alignment):
                let offset = try model.allocAligned(bytes, alignment: alignment ?? 1)
                if let offset { live[id] = offset }
                #expect(step.outcome == (offset.map { .offset($0) } ?? step.outcome), "\(policy) line \(step.line)")
                if offset == nil, case .offset = step.outcome { Issue.record("\(policy) line \(step.line): placed") }
            case .traceFree(let id):
                if let offset = live.removeValue(forKey: id) { try model.free(offset) }
            case .traceRealloc(let id, let bytes):
                let new = try model.alloc(bytes)
                if let new, let old = live[id] {
                    try model.free(old)
                    live[id] = new
                }
            default:
                Issue.record("unexpected \(statement)")
            }
        }
        #expect(report.final.pool.regions == model.regions, "\(policy)")
        #expect(report.final.pool.rover == model.rover, "\(policy)")
        #expect(report.errorLines.isEmpty)
    }
}
