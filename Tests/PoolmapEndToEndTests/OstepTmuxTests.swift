import Foundation
import Testing

/// `poolmap ostep … --play` and `--quiz` in a real terminal, under a private tmux server:
/// malloc.py's run on the heap's map, stepped, explained and quit; quizzed, answered and quit.
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

    @Test func quizOpensTakesAnAnswerAndQuitsCleanly() throws {
        // Seed 2: ptr0 = alloc 1 on a list of one element, 1000 (100 B); it takes it.
        let session = try TmuxSession([PoolmapBinary.path, "ostep", "-s", "2", "-n", "8", "--quiz"])
        try session.waitFor(text: "Q1: ptr0 = alloc 1 returned ?")
        try session.waitFor(text: "Free list · BEST · ADDRSORT")
        try session.send("1")
        try session.waitFor(text: "returns 1000 (#1 of 1)")
        try session.send("Enter")
        let verdict = try session.waitFor(text: "✓ Right: it returns 1000 (searched 1 element)")
        #expect(verdict.contains("score 1/1"))
        try session.waitFor(text: "→ returned 1000")
        // On to Q2, after the free that asks nothing.
        try session.send("Enter")
        try session.waitFor(text: "Q2: ptr1 = alloc 7 returned ?")
        try quitAndCheckRestored(session)
    }
}
