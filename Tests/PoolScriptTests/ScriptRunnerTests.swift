import PoolAllocator
import Testing

@testable import PoolScript

@Suite struct ScriptRunnerTests {
    func run(_ text: String, poolSize: Int = 65536) throws -> RunReport {
        try RunReport.run(try ScriptParser.parse(text, fileName: "r.pool"), poolSize: poolSize)
    }

    @Test func namesFollowTheirBlocksThroughDefrag() throws {
        let report = try run(
            """
            pool 1024
            a = alloc 128
            b = alloc 128
            c = alloc 128
            d = alloc 128
            free a
            free c
            defrag
            free d
            """)
        #expect(report.steps[7].outcome == .mapping([Step.Move(old: 128, new: 0), Step.Move(old: 384, new: 128)]))
        #expect(report.steps[8].operation == .free(name: "d", id: nil, offset: 128))
        #expect(report.final.namesByOffset == [0: "b"])
        #expect(report.final.offsetsByName == ["b": 0])
        #expect(report.errorLines.isEmpty)
    }

    @Test func freeByOffsetUnbindsTheName() throws {
        let report = try run("pool 1K\na = alloc 10\nfree 0\nfree a\na = alloc 5\n")
        #expect(report.steps[2].operation == .free(name: "a", id: nil, offset: 0))
        #expect(
            report.errorLines == [
                "r.pool:4: error: cannot free 'a': the name is not bound to a block: its block was freed on line 3"
            ])
        #expect(report.final.offsetsByName == ["a": 0])
    }

    @Test func runtimeErrorsAreEventsAndTheRunGoesOn() throws {
        let report = try run(
            """
            pool 1K
            a = alloc 100
            a = alloc 50
            free nope
            free 2000
            free 50
            free 500
            big = alloc 2K
            free big
            x = alloc 1 align 512
            free x
            free x
            """)
        #expect(
            report.errorLines == [
                "r.pool:3: error: 'a' still holds the block at 0; free it before binding the name again "
                    + "(no allocation was made)",
                "r.pool:4: error: cannot free 'nope': the name is not bound to a block: it was never allocated",
                "r.pool:5: error: cannot free 2000: offset 2000 is outside the pool",
                "r.pool:6: error: cannot free 50: offset 50 is inside a block but not at its start",
                "r.pool:7: error: cannot free 500: offset 500 is not allocated (never allocated, or already freed)",
                "r.pool:9: error: cannot free 'big': the name is not bound to a block: its allocation on line 8 failed",
                "r.pool:12: error: cannot free 'x': the name is not bound to a block: freed on line 11",
            ])
        #expect(report.steps[7].outcome == .allocationFailed("alloc 2 KiB failed: only 924 B free"))
        #expect(report.final.errorCount == 7)
        #expect(report.final.pool.stats.blockCount == 1)
    }

    @Test func aScriptWithoutPoolUsesTheGivenSizeAndLaterPoolsStartScenes() throws {
        let report = try run("a = alloc 100\nstats\npool 2K\nfree a\n", poolSize: 4096)
        #expect(
            report.steps[1].outcome
                == .stats(
                    PoolStats(
                        total: 4096, used: 100, free: 3996, blockCount: 1,
                        fragmentation: 0, padding: 0, largestFree: 3996, freeBlockCount: 1)))
        #expect(report.final.pool.totalSize == 2048)
        #expect(report.final.sceneCount == 1)
        #expect(
            report.errorLines == [
                "r.pool:4: error: cannot free 'a': the name is not bound to a block: it was never allocated"
            ])
    }

    @Test func randomMayFreeNamedBlocksAndIsReproducible() throws {
        let text = "pool 4K\na = alloc 16\nb = alloc 16\nc = alloc 16\nrandom 200 seed 5\nfree a\nfree b\nfree c\n"
        let first = try run(text), second = try run(text)
        #expect(first.steps == second.steps)
        #expect(first.final.pool.regions == second.final.pool.regions)
        let randomSteps = first.steps.filter { $0.randomIndex != nil }
        #expect(randomSteps.count == 200 && randomSteps.last?.randomIndex?.index == 200)
        // Names a random free took are unbound: freeing them again is an error saying so.
        let freedByRandom = randomSteps.compactMap { step -> String? in
            if case .free(let name?, nil, _) = step.operation { return name }
            return nil
        }
        #expect(first.errorLines.count == freedByRandom.count)
        for name in freedByRandom {
            #expect(
                first.errorLines.contains {
                    $0.contains("'\(name)'") && $0.contains("freed by the random statement on line 5")
                })
        }
        let other = try run(text.replacingOccurrences(of: "seed 5", with: "seed 6"))
        #expect(other.steps != first.steps)
    }

    /// Every trace line replayed by the runner does what the same calls on a `MemoryPool` do.
    @Test func traceReplayMatchesTheAllocator() throws {
        let trace = try TraceParser.parse(Array(DemoLibrary.named("awk-buckets")!.text.utf8), fileName: "awk.trace")
        let size = trace.tracePoolSize
        let report = try RunReport.run(trace, poolSize: size)
        var pool = try MemoryPool(totalSize: size)
        var live: [Int: Int] = [:]
        for (statement, step) in zip(trace.statements, report.steps) {
            #expect(statement.line == step.line)
            switch statement.action {
            case .traceAlloc(let id, let bytes, let alignment):
                let offset = try pool.allocAligned(bytes, alignment: alignment ?? 1)
                live[id] = offset
                #expect(step.outcome == (offset.map { .offset($0) } ?? step.outcome))
            case .traceFree(let id):
                if let offset = live.removeValue(forKey: id) { try pool.free(offset) }
                #expect(step.outcome == .done)
            default:
                Issue.record("unexpected \(statement)")
            }
        }
        #expect(report.final.pool.regions == pool.regions)
        #expect(report.final.pool.stats == pool.stats)
        #expect(report.errorLines.isEmpty)
        #expect(report.final.idsByOffset.count == pool.stats.blockCount)
    }

    /// An id whose allocation failed and that is allocated again is live like any other.
    @Test func aFailedIDAllocatedAgainIsFreedNormally() throws {
        let trace = try TraceParser.parse("a 1 999999\na 1 16\nf 1\na 1 32\nf 1\n", fileName: "t.trace")
        let report = try RunReport.run(trace, poolSize: 1024)
        #expect(report.errorLines.isEmpty)
        #expect(
            report.steps.map(\.outcome) == [
                .allocationFailed("alloc 976.56 KiB failed: only 1 KiB free"), .offset(0), .done, .offset(0), .done,
            ])
        #expect(report.final.pool.stats.blockCount == 0)
    }

    @Test func reallocSemantics() throws {
        let trace = try TraceParser.parse(
            "a 1 100\nr 1 200\nr 1 5000\nf 1\nr 1 10\na 2 5000\nr 2 10\nf 2\n", fileName: "t.trace")
        let report = try RunReport.run(trace, poolSize: 1024)
        #expect(
            report.steps.map(\.outcome) == [
                .offset(0),
                .offset(100),  // the new block first, then the old one freed
                .allocationFailed("alloc 4.88 KiB failed: only 824 B free"),  // the old block stays
                .done,
                .offset(0),  // r on an id that is not live allocates (realloc of NULL)
                .allocationFailed("alloc 4.88 KiB failed: only 1014 B free"),
                .offset(10),  // r on an id whose allocation failed acts as a
                .done,
            ])
        #expect(report.steps[1].operation == .realloc(id: 1, size: 200, offset: 0))
        #expect(report.final.pool.stats.blockCount == 1)
    }
}
