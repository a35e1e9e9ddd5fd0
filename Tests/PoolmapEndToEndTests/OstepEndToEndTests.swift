import Foundation
import TestSupport
import Testing

/// `poolmap ostep` as a program: the built binary on some of malloc.py's recorded runs, its
/// help, and its failures' streams and exit statuses.
@Suite struct OstepEndToEndTests {
    static let goldenFolder = PoolmapBinary.packageRoot.appendingPathComponent("Tests/OSTEPSimulatorTests/Golden")

    @Test func theBinaryReproducesRecordedRunsByteForByte() throws {
        for file in try MallocGoldenCase.files(in: Self.goldenFolder) {
            // Every 20th case of each file: all the flag forms and both modes, a few seconds in all.
            for (index, recorded) in try MallocGoldenCase.read(file).enumerated() where index % 20 == 0 {
                let result = try Poolmap.run(["ostep"] + recorded.arguments)
                #expect(Data(result.output.utf8) == recorded.output, "\(recorded)")
                #expect((result.status == 0) == (recorded.exitStatus == 0), "\(recorded): \(result.error)")
            }
        }
    }

    @Test func failuresSayWhyOnOneLineOfStandardErrorWithTheirStatus() throws {
        let flag = try Poolmap.run(["ostep", "-p", "NEXT"])
        #expect(flag.status == 64 && flag.output.isEmpty)
        #expect(flag.error.hasPrefix("poolmap ostep: -p/--policy") && flag.error.filter { $0 == "\n" }.count == 1)
        let operation = try Poolmap.run(["ostep", "-A", "+5,", "-c"])
        #expect(operation.status == 1)
        #expect(operation.output.hasSuffix("Free List [ Size 1 ]: [ addr:1005 sz:95 ]\n\n"))
        #expect(operation.error.filter { $0 == "\n" }.count == 1)
    }

    @Test func scriptPrintsTheRunAsAHeapSceneThatRunReplays() throws {
        let printed = try Poolmap.run(["ostep", "-s", "2", "-n", "8", "-H", "4", "--script"])
        #expect(printed.status == 0)
        #expect(printed.output.hasPrefix("# poolmap ostep -s 2 -n 8 -H 4: malloc.py's run as a heap scene\n"))
        #expect(
            printed.output.contains(
                "\nheap 100 base 1000 header 4 policy best order addrsort\nptr0 = alloc 1  # -> ?\n"))
        let refused = try Poolmap.run(["ostep", "-p", "NEXT", "--script"])
        #expect(refused.status == 64 && refused.error.hasPrefix("poolmap ostep: -p/--policy"))
        let below = try Poolmap.run(["ostep", "-b", "-10", "--play"])
        #expect(below.status == 64 && below.error.contains("cannot show this run as a heap scene"))
        let zero = try Poolmap.run(["ostep", "-A", "+0,+5", "--play"])
        #expect(zero.status == 64 && zero.error.contains("a size must be positive, not 0"))
    }

    @Test func quizRefusesPacingAndNeedsATerminal() throws {
        let paced = try Poolmap.run(["ostep", "-s", "2", "--quiz", "--speed", "5"])
        #expect(paced.status == 64 && paced.error.contains("the quiz goes at your pace"))
        let piped = try Poolmap.run(["ostep", "-s", "2", "--quiz"])
        #expect(piped.status == 1 && piped.error.contains("the quiz needs a terminal"))
        let zero = try Poolmap.run(["ostep", "-A", "+0,+5", "--quiz"])
        #expect(zero.status == 64 && zero.error.contains("--quiz cannot show this run as a heap scene"))
    }

    @Test func helpListsMallocPysFlags() throws {
        for arguments in [["ostep", "-h"], ["ostep", "--help"], ["help", "ostep"]] {
            let result = try Poolmap.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.output.contains("--percentAlloc") && result.output.contains("Examples"), "\(arguments)")
            #expect(result.output.contains("--quiz"), "\(arguments)")
        }
    }
}
