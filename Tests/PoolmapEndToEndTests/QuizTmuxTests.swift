import Foundation
import Testing

/// `poolmap quiz` in a real terminal, under a private tmux server: a whole random quiz of ten
/// questions (nine allocations and the fragmentation), the end screen, new questions, clicks,
/// a recording; and the explain key while playing.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the terminal tests are skipped"))
struct QuizTmuxTests {
    /// The question number on the caption line (`Q3: where does …`).
    func question(in screen: String) -> Int? {
        guard let line = screen.split(separator: "\n").first(where: { $0.hasPrefix(" Q") && $0.contains(": ") }) else {
            return nil
        }
        return Int(line.dropFirst(2).prefix { $0.isNumber })
    }

    @Test func aTenQuestionRandomQuizEndToEnd() throws {
        // Seed 8: nine allocations (two fail, five aligned) among 14 operations, then the
        // fragmentation after the final stats: ten questions.
        let session = try TmuxSession([PoolmapBinary.path, "quiz", "--random", "14", "--seed", "8"])
        try session.waitFor(text: "Q1: where does b1 = alloc")
        try session.waitFor(text: "random 14 · seed 8 · score 0/0")
        var asked = 0, answers = 0
        while true {
            let screen = try session.waitFor("a question or the end") { screen in
                screen.contains("Quiz over") || screen.contains(": where does") || screen.contains("fragmentation now")
            }
            if screen.contains("Quiz over") { break }
            let number = try #require(question(in: screen), "no question number in\n\(screen)")
            #expect(number == asked + 1)
            asked = number
            if screen.contains("fragmentation now, in %") {
                try session.type("30%")
                try session.send("Enter")
                try session.waitFor(text: "1 − largest free / total free = 1 − ")
            } else {
                // Some answers by the marker, some "fails"; the marker's keys first.
                try session.send("Right")
                try session.send("Left")
                try session.send(number % 3 == 0 ? "x" : "Home")
                try session.send("Enter")
                try session.waitFor("the verdict of Q\(number)") {
                    $0.contains("Right: it") || $0.contains("Wrong: it")
                }
                // The search plays, then its outcome is listed.
                try session.waitFor("the search of Q\(number) decided") {
                    $0.contains("→ lands at") || $0.contains("→ fails")
                }
            }
            answers += 1
            let scored = try session.screen()
            #expect(scored.contains("/\(answers) "), "the score counts \(answers) answers:\n\(scored)")
            try session.send("Enter")
            try session.waitFor("past Q\(number)") {
                (self.question(in: $0) ?? 0) != number || $0.contains("Quiz over")
            }
            if asked >= 30 { break }
        }
        #expect(asked == 10, "nine allocation questions and the fragmentation")
        let end = try session.waitFor(text: "Results")
        #expect(end.contains("where it lands"))
        #expect(end.contains("it fails"))
        #expect(end.contains("fragmentation"))
        #expect(end.contains("g retry") && end.contains("n new questions"))
        // New questions from the next seed; then quit, and the terminal is whole again.
        try session.send("n")
        try session.waitFor(text: "random 14 · seed 9 · score 0/0")
        try session.waitFor(text: "Q1: where does")
        try quitAndCheckRestored(session)
    }

    /// A click on a hole moves the marker there; the answer, wrong, says why; the session is
    /// recorded as a cast with a marker per answer.
    @Test func aClickChoosesAFreeBlockAndTheSessionIsRecorded() throws {
        let script = """
            pool 1024 policy first
            a = alloc 100
            b = alloc 300
            c = alloc 100
            d = alloc 200
            e = alloc 100
            free b
            free d
            x = alloc 150
            """
        let path = try Poolmap.temporaryFile("holes.pool", script + "\n")
        let cast = try Poolmap.temporaryFile("quiz.cast", "")
        let session = try TmuxSession([PoolmapBinary.path, "quiz", path, "--record", cast])
        for number in 1...5 {
            try session.waitFor(text: "Q\(number): where does")
            // Nothing is chosen for the student: Enter alone only says how to choose.
            if number == 1 {
                try session.send("Enter")
                try session.waitFor(text: "choose a free block (←/→ or a click) or x for fails")
            }
            try session.send("Right")
            try session.send("Enter")
            try session.waitFor(text: "✓ Right: it lands at")
            try session.waitFor(text: "→ lands at")  // the search is decided: Enter goes on
            try session.send("Enter")
        }
        try session.waitFor(text: "Q6: where does x = alloc 150 land? (first fit)")
        // 100 × 30: 32 cells a row (a power of two), 2 bytes a cell, rows 0x40 apart; row 9,
        // column 24 of the map (which starts at row 3, column 7) is cell 312, bytes 624-625, in
        // the hole at 500.
        try session.click(column: 7 + 24 + 1, row: 3 + 9 + 1)
        try session.waitFor(text: "in 0x01f4, 200 B")
        try session.send("Enter")
        try session.waitFor(text: "✗ Wrong: it lands at 0x0064 (100)")
        try session.waitFor(text: "0x0064 is lower than the one you chose (0x01f4)")
        try session.waitFor(text: "→ lands at")
        try session.send("Enter")
        try session.waitFor(text: "Quiz over: 5 of 6 right")
        try quitAndCheckRestored(session)
        let recorded = try String(contentsOfFile: cast, encoding: .utf8)
        #expect(recorded.hasPrefix("{\"version\": 2"))
        #expect(recorded.contains("\"m\", \"Q6 x = alloc 150: 0x01f4, wrong\""))
    }

    /// `--explain` shows each allocation's search while playing; `e` stops it.
    @Test func theExplainKeyWhilePlaying() throws {
        let session = try TmuxSession([PoolmapBinary.path, "demo", "first-fit", "--explain", "--speed", "2"])
        try session.waitFor(text: "· explain · step")
        try session.waitFor(text: "Search · first fit", timeout: .seconds(20))
        try session.send("e")
        try session.waitFor("explaining stopped") { !$0.contains("· explain · step") && !$0.contains("Search · ") }
        try quitAndCheckRestored(session)
    }
}
