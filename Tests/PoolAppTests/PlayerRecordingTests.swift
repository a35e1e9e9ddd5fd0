import Foundation
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolScript
@testable import PoolText

@Suite struct PlayerRecordingTests {
    func record(_ demo: String, width: Int = 100, height: Int = 30) throws -> (String, PlayerState) {
        let script = try #require(DemoLibrary.named(demo)).script()
        let state = try PlayerState(script: script, poolSize: ScriptRunner.defaultPoolSize(for: script))
        let (recorder, end) = PlayerRecording.record(state, width: width, height: height)
        return (recorder.text, end)
    }

    /// `--record` without a terminal: in colour, never paused, and the errors `run` would print.
    @Test func aHeadlessRecordingPlaysEverythingAndReportsLikeRun() throws {
        let script = try ScriptParser.parse("pool 1K\nfree a\nalloc 5\n", fileName: "err.pool")
        let paused = try PlayerState(script: script, poolSize: 1024, paused: true, monochrome: true)
        let recording = PlayerRecording.headless(paused, width: 60, height: 16)
        #expect(
            recording.errorLines == [
                "err.pool:2: error: cannot free 'a': the name is not bound to a block: it was never allocated"
            ])
        #expect(recording.cast.hasPrefix(#"{"version": 2, "width": 60, "height": 16}"#))
        #expect(recording.cast.contains("38;5;"))  // colours, though the player was monochrome
        #expect(recording.eventCount == recording.cast.split(separator: "\n").count - 1)
        let seconds = NumberText.fixed(recording.seconds, places: 1)
        #expect(
            recording.summary(fileName: "err.pool", path: "e.cast")
                == "recorded err.pool: \(recording.eventCount) events, \(seconds) s, 60×16 → e.cast")
        // Three steps at 5 op/s, then the last frame held for two seconds.
        #expect(recording.seconds > 2.5 && recording.seconds < 3.5)
    }

    @Test func aCastIsReproducibleByteForByte() throws {
        let (first, _) = try record("fragmentation")
        let (second, _) = try record("fragmentation")
        #expect(first == second)
    }

    @Test func theCastIsAsciinemaVersionTwo() throws {
        let (cast, end) = try record("classic-examples", width: 80, height: 24)
        let lines = cast.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == #"{"version": 2, "width": 80, "height": 24}"#)
        #expect(lines.last == "")
        var last = 0.0
        var markers: [String] = []
        for line in lines.dropFirst().dropLast() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            #expect(event.count == 3)
            let time = try #require(event[0] as? Double)
            #expect(time >= last)
            last = time
            let code = try #require(event[1] as? String)
            #expect(code == "o" || code == "m")
            if code == "m" { markers.append(try #require(event[2] as? String)) }
        }
        let script = end.timeline.script
        let says = script.statements.compactMap { if case .say(let c) = $0.action { c } else { nil } }
        #expect(markers == says)
        #expect(markers.count >= 10)
        // Times come from the pacing: the waits alone add up to 10 s.
        #expect(last > 10 && abs(last - end.recordingSeconds) < 0.001)
    }

    @Test func framesCarryThePalettesColoursAndOnlyChangedRows() throws {
        let recorder = CastRecorder(width: 4, height: 2)
        var grid = Grid(width: 4, height: 2)
        grid.put("█░", row: 0, column: 0, style: .used(alternate: false))
        recorder.frame(grid, at: 0)
        recorder.frame(grid, at: 0.04)  // unchanged: nothing recorded
        grid.put("x", row: 1, column: 0, style: .error)
        recorder.frame(grid, at: 0.5)
        recorder.mark("caption \"quoted\"", at: 0.5)
        recorder.finish(at: 1)
        #expect(
            recorder.text == """
                {"version": 2, "width": 4, "height": 2}
                [0.000, "o", "\\u001b[?25l\\u001b[H\\u001b[2J\\u001b[1;1H\\u001b[0;38;5;35m█░\\u001b[0m  \
                \\u001b[0m\\u001b[2;1H\\u001b[0m    \\u001b[0m"]
                [0.500, "o", "\\u001b[2;1H\\u001b[0;1;38;5;203mx\\u001b[0m   \\u001b[0m"]
                [0.500, "m", "caption \\"quoted\\""]
                [1.000, "o", "\\u001b[?25h"]

                """)
    }
}
