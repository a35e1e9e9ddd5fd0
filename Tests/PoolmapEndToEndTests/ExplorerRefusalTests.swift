import Foundation
import Testing

/// The explorer refuses to start where it cannot draw, without a terminal to drive it.
@Suite struct ExplorerRefusalTests {
    @Test func notATerminalSaysSoAndPointsToTheHeadlessCommand() throws {
        let result = try TmuxSession.run(
            [PoolmapBinary.path], environment: ["TERM": "xterm-256color", "PATH": "/usr/bin:/bin"])
        #expect(result.status == 1)
        #expect(result.error.contains("standard input is not a terminal"))
        #expect(result.error.contains("poolmap run FILE"))
        #expect(result.output.isEmpty, "no escape codes written to a redirected output")
    }

    @Test func aBadSizeIsAUsageError() throws {
        for size in ["0", "abc", "-5", "99999999999999999999G"] {
            let result = try TmuxSession.run([PoolmapBinary.path, "--size", size])
            #expect(result.status == 64, "--size \(size)")
            #expect(result.error.contains("--size"))
        }
    }
}
