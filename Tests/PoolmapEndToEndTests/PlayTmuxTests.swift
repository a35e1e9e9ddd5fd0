import Foundation
import Testing

/// `poolmap demo` and `poolmap play` in a real terminal, under a private tmux server.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the terminal tests are skipped"))
struct PlayTmuxTests {
    /// The step number on the status line (`▶ 5 op/s · step 14 · …`, `paused · step 14 · …`).
    func step(in screen: String) -> Int? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(" · step ") }),
            let range = line.range(of: " · step ")
        else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
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
        // Help, closed by any key.
        try session.send("?")
        try session.waitFor(text: "step back (any depth)")
        try session.send("x")
        try session.waitFor("help closed") { !$0.contains("step back (any depth)") }
        // Resume and speed up: the story reaches its end and waits there.
        try session.send("Space")
        for _ in 0..<6 { try session.send("+") }
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
        try session.waitFor(text: "paused · step 2513")
        for _ in 0..<300 { try session.send("Left") }
        try session.waitFor(text: "paused · step 2213")
        try session.send("g")
        try session.waitFor(text: "end of", timeout: .seconds(20))
        try quitAndCheckRestored(session)
    }
}
