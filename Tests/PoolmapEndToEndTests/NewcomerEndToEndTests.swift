import Foundation
import Testing

/// The frictions a newcomer met on the command line, each checked through the built `poolmap`.
@Suite("What a newcomer trips on, end to end")
struct NewcomerEndToEndTests {
    @Test func sizesAsPoolmapPrintsThemAreRead() throws {
        let spaced = try Poolmap.run(["run", "demos/defrag.pool", "--size", "4 KiB"])
        #expect(spaced.status == 0)
        let lowercase = try Poolmap.run(["run", "demos/defrag.pool", "--size", "4k"])
        #expect(lowercase.status == 0)
        #expect(lowercase.output == spaced.output)
        let ambiguous = try Poolmap.run(["run", "demos/defrag.pool", "--size", "4kb"])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.error.contains("\"4kb\" is not a size; did you mean 4KiB (4,096 bytes)?"))
    }
}

extension NewcomerEndToEndTests {
    @Test func aProgramOrItsSourcePointsToRecord() throws {
        let source = try Poolmap.temporaryFile(
            "prog.c", Data("#include <stdlib.h>\nint main(void) { free(malloc(10)); }\n".utf8))
        let fromSource = try Poolmap.run(["run", source])
        #expect(fromSource.status == 2)
        #expect(
            fromSource.error.contains("looks like source code, not a script or trace; to see a program's allocations"))
        #expect(fromSource.error.contains("poolmap record -- ./prog\n"))
        let binary = try Poolmap.run(["run", PoolmapBinary.path])
        #expect(binary.status == 2)
        #expect(binary.error.contains("is a binary file, not a script or trace (nor an mtrace log or PyTorch snapshot"))
        #expect(binary.error.contains("if it is a program, record"))
        #expect(binary.error.hasSuffix("poolmap record -- \(PoolmapBinary.path)\n"))
        // An ordinary mistake in a script gets no such hint.
        let script = try Poolmap.temporaryFile("bad.pool", Data("alloc\n".utf8))
        #expect(try !Poolmap.run(["run", script]).error.contains("record"))
    }

    @Test func aMisspelledDemoGetsADidYouMean() throws {
        let result = try Poolmap.run(["demo", "fragmentaton"])
        #expect(result.status == 64)
        #expect(result.error.contains("no demo named 'fragmentaton'; did you mean 'fragmentation'?"))
    }

    @Test func playWithNoFileSaysWhereToStart() throws {
        for command in ["play", "run"] {
            let result = try Poolmap.run([command])
            #expect(result.status == 64)
            #expect(result.error.contains("`poolmap demo` plays a built-in demo and `poolmap` opens the explorer"))
        }
    }

    @Test func aSpeedThatIsNotANumberSaysWhatOneLooksLike() throws {
        for speed in ["fast", "0", "-1", "inf"] {
            let result = try Poolmap.run(["demo", "--speed=\(speed)"])
            #expect(result.status == 64)
            #expect(result.error.contains("--speed takes operations per second, e.g. --speed 50"), "\(speed)")
        }
    }

    @Test func worksheetHelpStatesEachDefaultOnce() throws {
        let help = try Poolmap.run(["worksheet", "--help"]).output
        #expect(!help.contains("(default 1)"))
        #expect(!help.contains("(default 40)"))
        #expect(!help.contains("(default first)"))
        #expect(!help.contains("(default 4KiB"))
        #expect(help.contains("(default: 40)"))
    }
}

extension NewcomerEndToEndTests {
    /// A replay names its policy and how its pool got its size, so nobody reads it as the
    /// traced program's own heap; the summary comes after the stats however short the run.
    @Test func theRunReportLeadsWithWhatMatters() throws {
        let trace = try Poolmap.run(["run", "demos/awk-buckets.trace"]).output.split(separator: "\n")
        #expect(trace.first == "first fit · 100 KiB pool (peak live × 1.25)")
        let sized = try Poolmap.run(["run", "demos/awk-buckets.trace", "--size", "1M", "--policy", "best"])
        #expect(sized.output.hasPrefix("best fit · 1 MiB pool (--size)\n"))
        let script = try Poolmap.temporaryFile("short.pool", "a = alloc 100\nb = alloc 70000\n")
        let short = try Poolmap.run(["run", script]).output.split(separator: "\n").map(String.init)
        #expect(short.first == "first fit · 64 KiB pool (the default for scripts)")
        #expect(
            Array(short[5...8]) == [
                "high water 100 B  peak live 100 B  utilization 1.0000 (100.00%)  heap fragmentation 0.0000 (0.00%)",
                "summary: 2 steps", "  failed allocations: 1, the first after step 2 (line 2)", "  runtime errors: 0",
            ])
        #expect(short.contains("  peak used: 100 B after step 1 (line 1)"))
        #expect(short.firstIndex(of: "events:")! > short.firstIndex(of: "summary: 2 steps")!)
    }
}
