import Foundation
import Testing

/// `poolmap demo` and `poolmap play` in a real terminal, under a private tmux server.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the terminal tests are skipped"))
struct PlayTmuxTests {
    /// The step number on the status line (`▶ 5 op/s · step 14 of 40 · …`, `paused · step 1,234 of …`).
    func step(in screen: String) -> Int? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(" · step ") }),
            let range = line.range(of: " · step ")
        else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber || $0 == "," }.filter { $0 != "," })
    }

    @Test func playsTheDemoPausesStepsBackAndForthAndQuits() throws {
        let session = try TmuxSession([PoolmapBinary.path, "demo", "--speed", "20"])
        try session.waitFor(text: "poolmap demo — fragmentation")
        // It plays by itself: captions and steps go by.
        try session.waitFor(text: "Sixteen allocations of 256 B")
        try session.waitFor("a few steps") { (self.step(in: $0) ?? 0) >= 5 }
        try session.send("Space")
        let paused = try session.waitFor(text: "paused · step")
        let stopped = try #require(step(in: paused))
        // Paused: nothing moves.
        Thread.sleep(forTimeInterval: 0.5)
        #expect(step(in: try session.screen()) == stopped)
        // A step forward stops right after a pool operation: the reference point.
        try session.send("n")
        let reference = try session.waitFor("a step forward") { (self.step(in: $0) ?? 0) > stopped }
        let here = try #require(step(in: reference))
        try session.send("n")
        let forward = try session.waitFor("another step forward") { (self.step(in: $0) ?? 0) > here }
        let ahead = try #require(step(in: forward))
        // Back one operation, back another, then forward twice to the same place.
        try session.send("Left")
        try session.waitFor("a step back") { self.step(in: $0) == here }
        try session.send("b")
        let back = try session.waitFor("another step back") { (self.step(in: $0) ?? .max) < here }
        #expect(back.contains("paused"))
        try session.send("Right")
        try session.waitFor("forward again") { self.step(in: $0) == here }
        try session.send("n")
        try session.waitFor("the same step as before") { self.step(in: $0) == ahead }
        // Help: another key leaves it open, Esc closes it (the one rule of every app).
        try session.send("?")
        try session.waitFor(text: "prev/next failed")
        try session.send("x")
        try session.send("Escape")
        try session.waitFor("help closed") { !$0.contains("prev/next failed") }
        // Resume and speed up: the story reaches its end and waits there.
        try session.send("Space")
        for _ in 0..<6 { try session.send(">") }
        try session.waitFor(text: "end of fragmentation.pool", timeout: .seconds(20))
        try session.waitFor(text: "the same allocation succeeds")
        try quitAndCheckRestored(session)
    }

    @Test func timeTravelsInstantlyAtTheEndOfATrace() throws {
        let session = try TmuxSession(
            [PoolmapBinary.path, "play", "demos/awk-buckets.trace", "--speed", "1000000"].map {
                $0.hasPrefix("demos/") ? PoolmapBinary.packageRoot.appendingPathComponent($0).path : $0
            })
        try session.waitFor(text: "end of", timeout: .seconds(20))
        try session.send("b")
        try session.waitFor(text: "paused · step 2,513 of 2,514")
        for _ in 0..<300 { try session.send("Left") }
        try session.waitFor(text: "paused · step 2,213 of 2,514")
        try session.send("g")
        try session.waitFor(text: "end of", timeout: .seconds(20))
        try quitAndCheckRestored(session)
    }

    /// A long trace opens at once, and the timeline's keys jump across it: End, `:` to a step,
    /// `[` back to the last failed allocation before it, a click on the timeline.
    @Test func seeksAcrossALongTrace() throws {
        // 120,000 operations, ~60 live blocks, in a pool too small for the largest requests.
        var lines = ["# a long generated trace"]
        var live: [Int] = [], next = 0
        var state: UInt64 = 7
        func random(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<120_000 {
            if !live.isEmpty, live.count >= 64 || random(2) == 0 {
                let index = random(live.count)
                lines.append("f \(live[index])")
                live.swapAt(index, live.count - 1)
                live.removeLast()
            } else {
                lines.append("a \(next) \(16 + random(random(50) == 0 ? 60_000 : 2_000))")
                live.append(next)
                next += 1
            }
        }
        let path = try Poolmap.temporaryFile("long.trace", lines.joined(separator: "\n") + "\n")
        let session = try TmuxSession([PoolmapBinary.path, "play", path, "--size", "96KiB", "--paused"])
        try session.waitFor(text: "paused · step 0 of 120,000", timeout: .seconds(30))
        try session.send("End")
        try session.waitFor(text: "end of", timeout: .seconds(60))
        try session.send(":")
        try session.waitFor(text: "go to step")
        try session.send("60000")
        try session.send("Enter")
        try session.waitFor(text: "paused · step 60,000 of 120,000", timeout: .seconds(20))
        try session.send("[")
        let failure = try session.waitFor("the failure before") { (self.step(in: $0) ?? .max) < 60_000 }
        #expect(failure.contains("failed"), "the log ends at the failed allocation")
        try session.send("Home")
        try session.waitFor(text: "paused · step 0 of 120,000")
        try quitAndCheckRestored(session)
    }
}

/// The comparison view in a real terminal.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the terminal tests are skipped"))
struct CompareTmuxTests {
    @Test func theBandsPlayTogetherAndRankAtTheEnd() throws {
        let session = try TmuxSession([PoolmapBinary.path, "demo", "policies", "--speed", "50"])
        try session.waitFor(text: "first fit  used")
        try session.waitFor(text: "best fit  used")
        try session.waitFor(text: "best failed", timeout: .seconds(20))
        try session.send("End")
        try session.waitFor(text: "ranked below")
        try session.waitFor(text: "rank  policy")
        try session.send("Home")
        try session.waitFor(text: "paused · step 0 of")
        try session.resize(width: 60, height: 16)
        try session.waitFor(text: "first fit")
        try quitAndCheckRestored(session)
    }

    @Test func ordersOpenABandPerListOrderAndRankThemAtTheEnd() throws {
        let session = try TmuxSession(
            [PoolmapBinary.path, "compare", "demos/free-list.pool", "--orders", "addrsort,sizesort+", "--paused"])
        try session.waitFor(text: "poolmap compare — demos/free-list.pool")
        let opening = try session.waitFor(text: "SIZESORT+")
        #expect(opening.contains(" ADDRSORT "), "a band per order:\n\(opening)")
        // The heap statement and the first allocation, logged by each order's name.
        try session.send("n")
        try session.send("n")
        try session.waitFor(text: "a = alloc 10: ADDRSORT → 1000 (searched 1) · SIZESORT+ → 1000 (searched 1)")
        try session.send("End")
        let end = try session.waitFor(text: "end of demos/free-list.pool")
        #expect(end.contains(" rank  list order "), "the ranking:\n\(end)")
        #expect(end.contains(" #1    addrsort ") && end.contains(" #2    sizesort+ "), "ranked as the table:\n\(end)")
        try quitAndCheckRestored(session)
    }
}
