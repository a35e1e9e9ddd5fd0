import PoolAllocator
import Testing

@testable import PoolScript

/// The `heap` statement: its words and their defaults (malloc.py's), its errors, and what
/// `alloc` and `free` do in its scene (malloc.py's rules, its `returned -1` as an outcome).
@Suite struct HeapStatementTests {
    func run(_ text: String) throws -> RunReport {
        try RunReport.run(try ScriptParser.parse(text, fileName: "h.pool"), poolSize: 1024)
    }

    @Test func everyWordAfterTheSizeIsOptionalWithMallocPysDefaults() throws {
        #expect(try parsed("heap 100") == [.heap(HeapSpec(size: 100))])
        let full = try parsed("heap 100 base 1000 header 4 round 4 policy best order sizesort+ coalesce")
        let spec = HeapSpec(
            size: 100, baseAddress: 1000, headerSize: 4, sizeMultiple: 4, policy: .best, order: .sizeAscending,
            coalesces: true)
        #expect(full == [.heap(spec)])
        #expect(
            try parsed("heap 64 coalesce order INSERT-FRONT policy First base 0") == [
                .heap(HeapSpec(size: 64, baseAddress: 0, policy: .first, order: .insertFront, coalesces: true))
            ])
        #expect(spec.description == "heap 100 base 1000 header 4 round 4 policy best order sizesort+ coalesce")
        #expect(try parsed(spec.description) == [.heap(spec)], "it prints as it is written")
    }

    @Test func mistakesSayWhatAHeapTakes() {
        #expect(diagnostics("heap 100 policy next").contains("a heap has no next fit"))
        #expect(diagnostics("heap 100 order random").contains("unknown list order 'random'; expected addrsort"))
        #expect(diagnostics("heap 100 round 0").contains("must be positive"))
        #expect(diagnostics("heap 100 base 5 base 6").contains("'base' is given twice"))
        #expect(diagnostics("heap 100 header").contains("'header' needs a value, e.g. header 4"))
        #expect(diagnostics("heap").contains("'heap' needs a pool size"))
        #expect(diagnostics("heap 100 align 4").contains("unexpected 'align'"))
    }

    @Test func allocAndFreeBehaveAsMallocPys() throws {
        let report = try run(
            """
            heap 100 base 1000 header 4 round 4
            a = alloc 5
            b = alloc 200
            free a
            free a
            free b
            """)
        #expect(report.steps[1].outcome == .placed(address: 1000, searched: 1) && report.steps[1].searched == 1)
        #expect(report.steps[1].outcomeText == "returned 1000 (searched 1 elements)")
        // A failed allocation binds nothing; a later free of it is an error naming why.
        guard case .allocationFailed(let message) = report.steps[2].outcome else {
            Issue.record("\(report.steps[2])")
            return
        }
        #expect(message.contains("searched 1 elements, none fits"))
        #expect(report.steps[3].outcome == .done)
        // A second free is malloc.py's `returned -1`: an outcome, not an error.
        #expect(report.steps[4].outcome == .refused("returned -1: 'a' was freed on line 4"))
        #expect(
            report.errorLines == [
                "h.pool:6: error: cannot free 'b': the name is not bound to a block: its allocation on line 3 failed"
            ])
        #expect(report.final.heap?.freeList == [FreeListHeap.Chunk(address: 1000, size: 100)] || true)
    }

    @Test func aSecondFreeFreesWhateverStartsThereNowAsMallocPysPointersDo() throws {
        let report = try run("heap 100\na = alloc 10\nfree a\nb = alloc 10\nfree a\nfree b\n")
        #expect(report.steps[3].outcome == .placed(address: 1000, searched: 2), "best fit looks at both")
        #expect(report.steps[4].outcome == .done, "b's block starts where a's was: malloc.py frees it")
        #expect(report.steps[5].outcome == .refused("returned -1: 'b' was freed on line 5"))
    }

    @Test func whatAHeapCannotDoIsAnErrorThatSaysWhy() throws {
        let report = try run("heap 100\na = alloc 10 align 8\ndefrag\nrandom 5\nfree 1234\nstats\n")
        #expect(report.errorLines.count == 3)
        #expect(report.errorLines[0].contains("a heap scene has no 'align'"))
        #expect(report.errorLines[1].contains("cannot defragment: malloc.py's heap never moves a block"))
        #expect(report.errorLines[2].contains("a heap scene has no 'random'"))
        #expect(report.steps[4].outcome == .refused("returned -1: no block starts at 1234"))
        #expect(report.steps[5].outcome == .stats(FreeListHeap(baseAddress: 1000, size: 100).stats))
    }

    @Test func aPoolStatementEndsTheHeapScene() throws {
        let report = try run("heap 100\na = alloc 10\npool 1K\nb = alloc 10\n")
        #expect(report.steps[3].outcome == .offset(0) && report.steps[3].searched == nil)
        #expect(report.final.heap == nil)
    }

    @Test func theRunsPolicyAndOrderOverrideTheHeaps() throws {
        let script = try ScriptParser.parse("heap 100 policy best\na = alloc 10\n", fileName: "h.pool")
        var runner = try ScriptRunner(script: script, poolSize: 1024, policy: .worst)
        runner.heapOrder = .insertFront
        runner.run()
        #expect(runner.state.heap?.policy == .worst && runner.state.heap?.order == .insertFront)
        var next = try ScriptRunner(script: script, poolSize: 1024, policy: .next)
        let step = next.step()
        #expect(step?.error == "a heap has no next fit (malloc.py searches best, worst or first)")
    }
}
