import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolScript

/// The apps' own screens as a person sees them: every key of each app's help fits the
/// smallest screen (60×16), and the footers show the keys a newcomer needs first.
/// Re-record with `POOLMAP_RECORD_GOLDEN=1 swift test --filter AppScreenGoldenTests`.
@Suite struct AppScreenGoldenTests {
    static let golden = Golden(#filePath)

    static func explorer(width: Int, height: Int) throws -> ExplorerApp {
        var app = ExplorerApp(
            state: try ExplorerState(poolSize: 4096, screenSize: TerminalSize(width: width, height: height)))
        for event in [InputEvent.character("a")] + InputEvent.typing("300") + [.key(.enter)] {
            _ = app.handle(event)
        }
        return app
    }

    static func player(width: Int, height: Int) throws -> PlayerApp {
        let script = try ScriptParser.parse(
            "pool 1K\nsay \"hello\"\na = alloc 100\nb = alloc 200\n", fileName: "p.pool")
        var app = PlayerApp(state: try PlayerState(script: script, poolSize: 1024, paused: true))
        for _ in 0..<3 { _ = app.handle(.character("n")) }
        return app
    }

    @Test func explorerScreenAndHelp() throws {
        var app = try Self.explorer(width: 80, height: 24)
        Self.golden.check(app.view(width: 80, height: 24), "explorer-80x24")
        _ = app.handle(.character("?"))
        Self.golden.check(app.view(width: 80, height: 24), "explorer-help-80x24")
        var small = try Self.explorer(width: 60, height: 16)
        _ = small.handle(.character("?"))
        Self.golden.check(small.view(width: 60, height: 16), "explorer-help-60x16")
    }

    @Test func playerScreenAndHelp() throws {
        var app = try Self.player(width: 80, height: 24)
        Self.golden.check(app.view(width: 80, height: 24), "player-80x24")
        _ = app.handle(.character("?"))
        Self.golden.check(app.view(width: 60, height: 16), "player-help-60x16")
    }

    @Test func everyHelpKeyIsOnTheSmallestScreen() throws {
        var explorer = try Self.explorer(width: 60, height: 16)
        _ = explorer.handle(.character("?"))
        let explorerScreen = explorer.view(width: 60, height: 16).text
        for hint in KeyHint.explorerHelp {
            #expect(explorerScreen.contains(hint.keys), "explorer help lacks \(hint.keys)")
        }
        var player = try Self.player(width: 60, height: 16)
        _ = player.handle(.character("?"))
        let playerScreen = player.view(width: 60, height: 16).text
        for hint in KeyHint.playerHelp {
            #expect(playerScreen.contains(hint.keys), "player help lacks \(hint.keys)")
        }
    }
}
