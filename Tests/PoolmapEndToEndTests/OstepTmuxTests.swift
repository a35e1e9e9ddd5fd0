import Foundation
import Testing

/// `poolmap ostep … --play` in a real terminal, under a private tmux server: malloc.py's run on
/// the heap's map, stepped, explained and quit.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the terminal tests are skipped"))
struct OstepTmuxTests {
    @Test func playOpensStepsExplainsAndQuitsCleanly() throws {
        let session = try TmuxSession([PoolmapBinary.path, "ostep", "-n", "10", "-c", "--play", "--paused"])
        try session.waitFor(text: "poolmap ostep -n 10 -c")
        // The heap statement, then malloc.py's first allocation: seed 0 draws Alloc(3).
        try session.send("n")
        try session.waitFor(text: "step 1 of")
        try session.waitFor(text: "100 B heap at 1000")
        try session.waitFor(text: "Free list · BEST · ADDRSORT")
        try session.send("e")
        try session.waitFor(text: "explain")
        try session.send("n")
        let searched = try session.waitFor(text: "searched 1 elements")
        #expect(searched.contains("ptr0 = alloc 3 → returned 1000 (searched 1 elements)"))
        #expect(searched.contains("→ returned 1000"), "the walk's end in the panel")
        try quitAndCheckRestored(session)
    }
}
