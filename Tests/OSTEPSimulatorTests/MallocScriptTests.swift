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
