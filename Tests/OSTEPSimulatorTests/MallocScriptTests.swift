import OSTEPSimulator
import PoolAllocator
import Testing

@testable import PoolScript

/// `poolmap ostep --script` (and so `--play`, which plays that script): the run written as a
/// heap scene, run by the script runner, prints malloc.py's own answers — every address, count,
/// free result and free list — for every policy, list order and coalescing.
@Suite struct MallocScriptTests {
    /// malloc.py's `-c` output after its header, rebuilt from the script's steps and the heap
    /// after each: what the player shows, in malloc.py's words.
    static func replayed(_ script: String, headerSize: Int, randomMode: Bool) throws -> String {
        var runner = try ScriptRunner(
            script: try ScriptParser.parse(script, fileName: "ostep.pool"), poolSize: 1024)
        var out = ""
        while let step = runner.step() {
            guard let heap = runner.state.heap else { continue }
            switch (step.operation, step.outcome) {
            case (.heap, _): continue
            case (.alloc(let name?, _, let size, _), let outcome):
                var address = -1
                if case .placed(let placed, _) = outcome { address = placed }
                let shown = address + (randomMode ? headerSize : 0)
                // A failure looked at every element (and changed nothing).
                let searched = step.searched ?? heap.freeList.count
                out += "ptr[\(name.dropFirst(3))] = Alloc(\(size)) returned \(shown) (searched \(searched) elements)\n"
            case (.free(let name?, _, _), let outcome):
                out += "Free(ptr[\(name.dropFirst(3))])\nreturned \(outcome == .done ? 0 : -1)\n"
            default:
                Issue.record("unexpected step \(step)")
            }
            out += "Free List [ Size \(heap.freeList.count) ]: "
            out += heap.freeList.map { "[ addr:\($0.address) sz:\($0.size) ]" }.joined() + "\n\n"
        }
        return out
    }

    @Test(arguments: FreeListHeap.SearchPolicy.allCases)
    func theScriptReplaysMallocPysRunExactly(policy: FreeListHeap.SearchPolicy) throws {
        for order in FreeListHeap.ListOrder.allCases {
            for (index, flags) in [
                ["-n", "30", "-s", "3"], ["-n", "40", "-s", "7", "-H", "4", "-a", "4", "-C"],
                ["-n", "25", "-s", "11", "-S", "64", "-b", "0", "-r", "20", "-P", "60"],
                ["-A", "+10,+20,+5,-1,-0,+3,-1,-2,+30,-4,+8"],
                ["-A", "+3,+3,+3,-0,-1,-2,+9,-0,-3", "-C", "-H", "2"],
            ].enumerated() {
                let arguments = flags + ["-p", policy.rawValue, "-l", order.rawValue, "-c"]
                let outcome = try #require(MallocSimulation.run(arguments: arguments))
                #expect(outcome.failure == nil, "\(arguments)")
                // malloc.py's 13 header lines and the blank line after them.
                let body = outcome.output.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(14)
                let headerSize = flags.firstIndex(of: "-H").map { Int(flags[$0 + 1])! } ?? 0
                let replay = try Self.replayed(outcome.script, headerSize: headerSize, randomMode: index < 3)
                #expect(replay == body.joined(separator: "\n"), "\(arguments)\n\(outcome.script)")
            }
        }
    }

    /// The answers `--script` writes (`# -> 1000 (searched 1)`) are malloc.py's, kept by the
    /// simulation by script line: each one is what the runner's step on that line gives (its
    /// address and count; a failure searched the whole list), and every allocation has one.
    @Test(arguments: FreeListHeap.SearchPolicy.allCases)
    func eachAllocationsAnswerIsTheRunnersStepOnItsLine(policy: FreeListHeap.SearchPolicy) throws {
        var failures = 0
        for (index, order) in FreeListHeap.ListOrder.allCases.enumerated() {
            for flags in [
                ["-n", "40", "-s", "\(index + 4)", "-H", "4", "-S", "60"],
                ["-n", "40", "-s", "\(index + 9)", "-a", "8", "-C", "-r", "16"],
                ["-A", "+10,+20,+5,-1,-0,+3,-1,-2,+80,-4,+8,-9,+1", "-H", "2"],
            ] {
                let arguments = flags + ["-p", policy.rawValue, "-l", order.rawValue]
                let outcome = try #require(MallocSimulation.run(arguments: arguments))
                var runner = try ScriptRunner(
                    script: try ScriptParser.parse(outcome.script, fileName: "ostep.pool"), poolSize: 1024)
                var answered: Set<Int> = []
                while let step = runner.step() {
                    guard case .alloc = step.operation, let heap = runner.state.heap else { continue }
                    let answer = try #require(outcome.answers[step.line], "\(arguments) line \(step.line)")
                    answered.insert(step.line)
                    switch step.outcome {
                    case .placed(let address, let searched):
                        #expect(answer == FreeListHeap.Allocation(address: address, searched: searched), "\(arguments)")
                    case .allocationFailed:
                        failures += 1
                        #expect(answer == FreeListHeap.Allocation(address: nil, searched: heap.freeList.count))
                    default:
                        Issue.record("\(arguments): unexpected step \(step)")
                    }
                }
                #expect(answered == Set(outcome.answers.keys), "\(arguments): no answer on another line")
            }
        }
        #expect(failures > 10, "some allocations fail")
    }

    /// Python's `int` reads `-3\n` as 3: the invalid free's comment keeps the newline escaped,
    /// so the script's lines, and the answers' line numbers, stay right.
    @Test func aNewlineInAnOperationStaysInItsComment() throws {
        let outcome = try #require(MallocSimulation.run(arguments: ["-A", "+5,-3\n,+4"]))
        #expect(
            outcome.script == """
                heap 100 base 1000 header 0 policy best order addrsort
                ptr0 = alloc 5
                # -3\\n: Invalid Free: Skipping (malloc.py)
                ptr1 = alloc 4

                """)
        #expect(
            outcome.answers == [
                2: FreeListHeap.Allocation(address: 1000, searched: 1),
                4: FreeListHeap.Allocation(address: 1005, searched: 1),
            ])
        #expect(!outcome.computes)
        #expect(try #require(MallocSimulation.run(arguments: ["-A", "+5", "-c"])).computes)
    }

    @Test func theScriptStartsWithTheHeapOfTheFlags() throws {
        let outcome = try #require(
            MallocSimulation.run(arguments: [
                "-S", "64", "-b", "0", "-H", "4", "-a", "8", "-p", "FIRST", "-l",
                "SIZESORT-", "-C", "-A", "+5,-0,-7",
            ]))
        #expect(
            outcome.script == """
                heap 64 base 0 header 4 round 8 policy first order sizesort- coalesce
                ptr0 = alloc 5
                free ptr0
                # -7: Invalid Free: Skipping (malloc.py)

                """)
    }
}
