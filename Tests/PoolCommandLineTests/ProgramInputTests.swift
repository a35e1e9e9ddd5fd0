import Testing

@testable import PoolCommandLine

@Suite struct ProgramInputTests {
    @Test func sourceCodeLeadsToRecord() {
        #expect(
            ProgramInput.hint(path: "prog.c", isBinary: false, toolName: "poolmap")
                == "prog.c looks like source code, not a script or trace; to see a program's allocations, "
                + "build it and record it: poolmap record -- ./prog")
        #expect(
            ProgramInput.hint(path: "src/Main.CPP", isBinary: false, toolName: "poolmap")?.hasSuffix(
                "poolmap record -- ./Main") == true)
    }

    @Test func binaryFilesLeadToRecord() {
        #expect(
            ProgramInput.hint(path: "./prog", isBinary: true, toolName: "poolmap")
                == "./prog is a binary file, not a script or trace (nor an mtrace log or PyTorch snapshot, the other "
                + "formats read); if it is a program, record its allocations: poolmap record -- ./prog")
        #expect(
            ProgramInput.hint(path: "a.out", isBinary: true, toolName: "pm")?.hasSuffix("pm record -- ./a.out") == true)
    }

    @Test func scriptsWithMistakesGetNoHint() {
        #expect(ProgramInput.hint(path: "story.pool", isBinary: false, toolName: "poolmap") == nil)
        #expect(ProgramInput.hint(path: ".c", isBinary: false, toolName: "poolmap") == nil)
        #expect(ProgramInput.hint(path: "notes.txt", isBinary: false, toolName: "poolmap") == nil)
    }
}
