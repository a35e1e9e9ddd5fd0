import MemoryMap
import PoolAllocator
import PoolScript
import Testing

@testable import PoolApp

/// Inputs the apps fuzz target (Fuzz/) found, kept as the smallest case that failed, with what
/// it broke. The fixes are at their roots; these keep them fixed.
@Suite("Fuzz findings (apps)")
struct AppFuzzFindingsTests {
    /// apps: the player zoomed in on a scene's 4 KiB pool, then went back to the start, where the
    /// pool (`--size 1`) holds one byte: the screen's zoom said 2 bytes per cell of a 1-byte pool.
    @Test("the player's zoom never exceeds the pool it shows")
    func zoomFromALargerSceneFitsTheSmallerPool() throws {
        let script = try ScriptFile.parse(
            Array("pool 4KiB\na = alloc 100\nb = alloc 200\n".utf8), fileName: "z.pool", kind: .script)
        var player = try PlayerState(
            script: script, poolSize: 1, paused: true, screenSize: TerminalSize(width: 100, height: 30))
        _ = player.reduce(.character("n"))  // the `pool 4KiB` statement
        for _ in 0..<8 { _ = player.reduce(.character("+")) }
        let zoomed = try #require(player.screenModel.viewport.bytesPerCell, "zoomed in on the 4 KiB pool")
        #expect(zoomed >= 1 && zoomed < 4096)
        _ = player.reduce(.key(.home))  // back to the start: the 1-byte pool
        let model = player.screenModel
        #expect(model.pool.totalSize == 1)
        #expect((model.viewport.bytesPerCell ?? 1) <= model.pool.totalSize, "\(model.viewport)")
        _ = player.reduce(.key(.end))  // and forward again: the zoom applies to the 4 KiB pool
        #expect(player.screenModel.viewport.bytesPerCell == zoomed)
    }

    /// apps: the player with `--explain` on the default demo, best fit, stepped by hand: while an
    /// allocation's search played on the pool before it, the frame's selection was the new block,
    /// which that pool does not hold yet (the explorer likewise, and it moved next fit's rover
    /// before the search landed).
    @Test("the frame selects only a block of the pool it shows, while a search plays too")
    func aSearchShowsNoSelectionBeforeItLands() throws {
        let demo = try #require(DemoLibrary.named(DemoLibrary.defaultName))
        var player = try PlayerState(
            script: try demo.script(), poolSize: 1, policy: .best, paused: true,
            screenSize: TerminalSize(width: 100, height: 30), explain: true)
        var sawSearch = false, sawSelection = false
        for key in "nnnnnnnnnnnnnnnnnnnnhl" {
            _ = player.reduce(.character(key))
            for _ in 0..<40 {
                let model = player.screenModel
                if player.animation.search?.isDecided == false { sawSearch = true }
                if let selected = model.selectedOffset {
                    sawSelection = true
                    #expect(model.pool.block(at: selected) != nil, "selection \(selected) after \(key)")
                }
                _ = player.reduce(.tick)
            }
        }
        #expect(sawSearch && sawSelection)

        var drive = try ExplorerDrive()
        try drive.send([.character("p"), .character("e")])  // next fit, explained
        #expect(drive.state.pool.policy == .next)
        try drive.allocate("100")
        let model = drive.state.screenModel
        #expect(drive.state.animation.search?.isDecided == false)
        #expect(model.selectedOffset == nil && model.rover == 0, "nothing placed yet on the map")
        try drive.send(Array(repeating: .tick, count: drive.state.animation.search!.duration))
        #expect(drive.state.screenModel.selectedOffset == 0 && drive.state.screenModel.rover == 100)
    }
}
