import Foundation
import Testing

/// The explorer in a real terminal: the built `poolmap` under a private tmux server.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the terminal tests are skipped"))
struct ExplorerTmuxTests {
    /// Starts the explorer and waits for its first frame.
    func startExplorer(
        _ arguments: [String] = [], environment: [String: String] = TmuxSession.standardEnvironment,
        unset: [String] = [], width: Int = 100, height: Int = 30
    ) throws -> TmuxSession {
        let session = try TmuxSession(
            [PoolmapBinary.path] + arguments, environment: environment, unset: unset,
            width: width, height: height)
        try session.waitFor(text: "poolmap explorer")
        return session
    }

    /// `a`, the text, Enter.
    func allocate(_ text: String, in session: TmuxSession) throws {
        try session.send("a")
        try session.type(text)
        try session.send("Enter")
    }

    /// The screen line holding `label` (e.g. the stats panel's `used` line).
    func line(_ label: String, of screen: String) -> String {
        screen.split(separator: "\n").first { $0.contains(label) }.map(String.init) ?? ""
    }

    @Test func startsTakesTheScreenAndQuitsCleanly() throws {
        let session = try startExplorer()
        let screen = try session.waitFor(text: "Stats")
        #expect(screen.contains("░"), "an empty pool is drawn free")
        #expect(screen.contains("64 KiB"))
        #expect(try session.terminalModes() == "1 0 1", "alternate screen, hidden cursor, mouse on")
        // Without POOLMAP_DEBUG_TRAP_KEY=1, Ctrl-T is just an ignored control key.
        try session.send("C-t")
        try allocate("16", in: session)
        try session.waitFor(text: "alloc 16 B → 0x0000")
        try quitAndCheckRestored(session)
    }

    @Test func allocatingWithKeysChangesTheStats() throws {
        let session = try startExplorer()
        let before = line("used", of: try session.waitFor(text: "Stats"))
        try allocate("4KiB", in: session)
        let screen = try session.waitFor(text: "alloc 4 KiB → 0x0000")
        let after = line("used", of: screen)
        #expect(after != before)
        #expect(after.contains("4 KiB"), "used line: \(after)")
        #expect(screen.contains("█"))
        let escapes = try session.screenWithEscapes()
        #expect(
            escapes.contains("\u{1B}[38;5;"), "256 colours in xterm-256color:\n\(escapes.prefix(300).debugDescription)")
        try quitAndCheckRestored(session)
    }

    @Test func badPromptInputShowsAnErrorAndStays() throws {
        let session = try startExplorer()
        try allocate("abc", in: session)
        try session.waitFor(text: "\"abc\" is not a size")
        try session.send("BSpace", "BSpace", "BSpace")
        try session.type("-5")
        try session.send("Enter")
        try session.waitFor(text: "\"-5\" is not a size")
        try session.send("Escape")
        try session.waitFor("the prompt to close") { !$0.contains("is not a size") }
        try allocate("0", in: session)
        try session.waitFor(text: "is zero")
        try session.send("Escape")
        try allocate("128", in: session)
        try session.waitFor(text: "alloc 128 B → 0x0000")
        try quitAndCheckRestored(session)
    }

    @Test func freeDefragmentAndUndo() throws {
        let session = try startExplorer()
        for _ in 0..<3 { try allocate("1K", in: session) }
        try session.waitFor(text: "alloc 1 KiB → 0x0800")
        try session.send("Home")
        try session.send("f")
        try session.waitFor(text: "free 0x0000 (0): 1 KiB")
        try session.send("d")
        try session.waitFor(text: "defrag: moved 2 blocks")
        // The slide animates and settles; the selection followed its block to 0x0000.
        try session.waitFor(text: "Block 0x0000")
        try session.send("u")
        try session.waitFor(text: "undo defrag")
        try session.waitFor(text: "Block 0x0400")
        try session.send("u")
        try session.waitFor(text: "undo free 0x0000")
        try quitAndCheckRestored(session)
    }

    /// The offset label of the first map row (screen row 4).
    func firstMapLabel(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count > 3 ? String(lines[3].prefix(while: { $0 != " " })) : ""
    }

    @Test func selectionZoomScrollAndDeleteKeys() throws {
        let session = try startExplorer()
        for size in ["1K", "2K", "3K"] { try allocate(size, in: session) }
        try session.waitFor(text: "alloc 3 KiB → 0x0c00")
        try session.send("Home")
        try session.waitFor(text: "Block 0x0000")
        try session.send("l")
        try session.waitFor(text: "Block 0x0400")
        try session.send("End")
        try session.waitFor(text: "Block 0x0c00")
        try session.send("h")
        try session.waitFor(text: "Block 0x0400")
        try session.send("Left")
        try session.waitFor(text: "Block 0x0000")
        // Zoom in around the selection, scroll a page down and back, fit again.
        let fitted = try session.screen()
        #expect(firstMapLabel(fitted) == "0x0000")
        for _ in 0..<4 { try session.send("+") }
        try session.waitFor("the map to zoom in") {
            $0.split(separator: "\n").count > 4 && $0 != fitted && !$0.contains("whole pool")
        }
        try session.send("NPage")
        try session.waitFor("the map to scroll down") { firstMapLabel($0) != "0x0000" }
        try session.send("PPage")
        try session.waitFor("the map to scroll back") { firstMapLabel($0) == "0x0000" }
        try session.send("0")
        try session.waitFor(text: "whole pool")
        try session.send("Right", "DC")
        try session.waitFor(text: "free 0x0400 (1,024): 2 KiB")
        try quitAndCheckRestored(session)
    }

    @Test func aMouseClickSelectsTheBlockUnderIt() throws {
        let session = try startExplorer()
        try allocate("1K", in: session)
        try allocate("1K", in: session)
        try session.waitFor(text: "Block 0x0400")
        // Row 4 is the first map row; column 10 is its third cell, inside the first block.
        try session.click(column: 10, row: 4)
        try session.waitFor(text: "Block 0x0000")
        try quitAndCheckRestored(session)
    }

    @Test func helpOpensAndCloses() throws {
        let session = try startExplorer()
        try session.send("?")
        try session.waitFor(text: "this help")
        try session.send("Escape")
        try session.waitFor("the help to close") { !$0.contains("this help") }
        try session.send("F1")
        try session.waitFor(text: "this help")
        try session.send("Escape")
        try session.waitFor("the help to close") { !$0.contains("this help") }
        try quitAndCheckRestored(session)
    }

    @Test func resizingRelaysOutAndATooSmallScreenRecovers() throws {
        let session = try startExplorer()
        try allocate("2K", in: session)
        try session.resize(width: 130, height: 40)
        try session.waitFor("the layout to widen") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 40 && (lines.first?.count ?? 0) > 110 && screen.contains("Stats")
        }
        try session.resize(width: 50, height: 12)
        try session.waitFor(text: "Terminal too small: 50×12")
        try session.resize(width: 20, height: 6)
        try session.waitFor(text: "too small")
        try session.resize(width: 60, height: 16)
        try session.waitFor("the full layout again") { $0.contains("Stats") && !$0.contains("too small") }
        try quitAndCheckRestored(session)
    }

    @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGINT, 130)])
    func aTerminationSignalRestoresTheTerminal(signal: Int32, status: Int) throws {
        let session = try startExplorer()
        try allocate("1K", in: session)
        try session.waitFor(text: "alloc 1 KiB")
        let pid = try session.programPID()
        #expect(kill(pid, signal) == 0)
        let exit = try session.waitForExit()
        #expect(exit.status == status)
        #expect(try session.terminalModes() == "0 1 0")
        #expect(TmuxSession.ttyIsCooked(exit.screen))
    }

    @Test func ctrlCRestoresTheTerminalAndExits130() throws {
        let session = try startExplorer()
        try session.send("C-c")
        let exit = try session.waitForExit()
        #expect(exit.status == 130)
        #expect(try session.terminalModes() == "0 1 0")
        #expect(TmuxSession.ttyIsCooked(exit.screen))
    }

    @Test func aCrashRestoresTheTerminal() throws {
        var environment = TmuxSession.standardEnvironment
        environment["POOLMAP_DEBUG_TRAP_KEY"] = "1"
        let session = try startExplorer(environment: environment)
        try session.send("C-t")
        let exit = try session.waitForExit()
        #expect(exit.status > 128, "killed by the trap's signal, status \(exit.status)")
        #expect(try session.terminalModes() == "0 1 0")
        #expect(TmuxSession.ttyIsCooked(exit.screen))
    }

    @Test func monochromeTerminalsAndNoColorDrawWithoutColour() throws {
        for (arguments, environment) in [
            ([String](), ["TERM": "vt100", "LANG": "C.UTF-8"]),
            (["--no-color"], TmuxSession.standardEnvironment),
            ([], TmuxSession.standardEnvironment.merging(["NO_COLOR": "1"]) { $1 }),
        ] {
            let session = try startExplorer(arguments, environment: environment)
            try allocate("8K", in: session)
            try session.waitFor(text: "alloc 8 KiB")
            let escapes = try session.screenWithEscapes()
            #expect(
                !escapes.contains("38;5;") && !escapes.contains("[32m"), "no colours for \(arguments) \(environment)")
            #expect(
                escapes.contains("\u{1B}[7m") || escapes.contains(";7m"), "reverse video marks the title and selection")
            #expect(escapes.contains("█"))
            try quitAndCheckRestored(session)
        }
    }

    @Test func eightColourTerminalsUseTheEightColours() throws {
        let session = try startExplorer(environment: ["TERM": "xterm", "LANG": "C.UTF-8"])
        try allocate("8K", in: session)
        try session.waitFor(text: "alloc 8 KiB")
        let escapes = try session.screenWithEscapes()
        #expect(!escapes.contains("38;5;"))
        #expect(escapes.contains("[32m") || escapes.contains(";32m"), "green blocks")
        try quitAndCheckRestored(session)
    }

    @Test func dumbOrUnknownTerminalsAreRefused() throws {
        for (term, message) in [
            ("dumb", "cannot move the cursor"), ("no-such-terminal", "not a terminal this system knows"),
        ] {
            let session = try TmuxSession([PoolmapBinary.path], environment: ["TERM": term, "LANG": "C.UTF-8"])
            let exit = try session.waitForExit()
            #expect(exit.status == 1)
            #expect(exit.screen.contains(message), "TERM=\(term):\n\(exit.screen)")
            #expect(try session.terminalModes() == "0 1 0")
        }
        let unset = try TmuxSession([PoolmapBinary.path], environment: ["LANG": "C.UTF-8"], unset: ["TERM"])
        let exit = try unset.waitForExit()
        #expect(exit.status == 1)
        #expect(exit.screen.contains("TERM is not set"), "\(exit.screen)")
    }

    @Test func aNonUTF8LocaleStillDrawsTheGlyphs() throws {
        let session = try startExplorer(environment: ["TERM": "xterm-256color"], unset: ["LANG", "LC_ALL", "LC_CTYPE"])
        try allocate("8K", in: session)
        let screen = try session.waitFor(text: "alloc 8 KiB")
        #expect(screen.contains("█") && screen.contains("░"))
        try quitAndCheckRestored(session)
    }
}
