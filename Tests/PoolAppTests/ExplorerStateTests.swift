import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp

@Suite struct ExplorerStateTests {
    @Test func freeRemovesTheSelectedBlockAndSelectsItsNeighbour() throws {
        var drive = try ExplorerDrive()
        for size in ["100", "200", "300"] { try drive.allocate(size) }
        try drive.send([.key(.home), .character("l")])
        #expect(drive.state.selectedOffset == 100)
        try drive.send([.character("f")])
        #expect(drive.pool.blocks.map(\.offset) == [0, 300])
        #expect(drive.state.selectedOffset == 300)
        #expect(drive.lastLog == "free 0x0064 (100): 200 B")
        try drive.send([.key(.delete)])
        #expect(drive.pool.blocks.map(\.offset) == [0])
        #expect(drive.state.selectedOffset == 0, "no next block: the previous one")
        try drive.send([.character("f")])
        #expect(drive.pool.stats.blockCount == 0)
        #expect(drive.state.selectedOffset == nil)
        try drive.send([.character("f")])
        #expect(drive.state.log.last?.isError == true)
        #expect(drive.lastLog.hasPrefix("free: no block selected"))
    }

    @Test func defragmentSlidesBlocksAndTheSelectionFollows() throws {
        var drive = try ExplorerDrive()
        for _ in 0..<4 { try drive.allocate("100") }
        try drive.send([.key(.home), .character("f"), .character("l"), .character("f"), .key(.end)])
        #expect(drive.state.selectedOffset == 300)
        #expect(drive.pool.stats.freeBlockCount == 3)
        try drive.send([.character("d")])
        #expect(drive.pool.stats.freeBlockCount == 1)
        #expect(drive.pool.blocks.map(\.offset) == [0, 100])
        #expect(drive.state.selectedOffset == 100)
        #expect(drive.lastLog.hasPrefix("defrag: moved 2 blocks"))
        #expect(drive.state.animation.isActive)
        #expect(drive.app.tickInterval != nil)
        let progress = drive.state.animation.screenAnimation.slide?.progress
        try drive.send([.tick, .tick])
        #expect(try #require(drive.state.animation.screenAnimation.slide?.progress) > (progress ?? 1))
        try drive.send(Array(repeating: .tick, count: SlideAnimation.ticks))
        #expect(!drive.state.animation.isActive)
        #expect(drive.app.tickInterval == nil, "an idle explorer asks for no ticks")
    }

    @Test func undoGoesBackManyLevelsAndABurstIsOneLevel() throws {
        var drive = try ExplorerDrive(poolSize: 64 * 1024)
        try drive.allocate("1K")
        try drive.allocate("2K")
        try drive.send([.key(.home), .character("f")])
        #expect(drive.state.undoDepth == 3)
        try drive.send([.character("u")])
        #expect(drive.pool.blocks.map(\.offset) == [0, 1024])
        #expect(drive.state.selectedOffset == 0, "the selection comes back too")
        try drive.send([.character("u"), .character("u")])
        #expect(drive.pool.stats.blockCount == 0)
        try drive.send([.character("u")])
        #expect(drive.lastLog == "undo: nothing to undo")

        try drive.send([.character("R")])
        #expect(drive.state.undoDepth == 1)
        #expect(drive.pool.stats.blockCount > 3)
        #expect(drive.pool.stats.freeBlockCount > 1, "a burst fragments the pool")
        #expect(drive.lastLog.hasPrefix("burst of \(ExplorerState.burstLength): "))
        try drive.send([.character("u")])
        #expect(drive.pool.stats.blockCount == 0)
    }

    @Test func randomOperationsAreReproducibleBySeed() throws {
        func run(seed: UInt64) throws -> [Block] {
            let size = TerminalSize(width: 100, height: 30)
            var app = ExplorerApp(state: try ExplorerState(poolSize: 4096, screenSize: size, seed: seed))
            let terminal = FakeTerminal(size: size, events: Array(repeating: .character("r"), count: 40))
            _ = try? AppRunner.run(&app, on: terminal)
            #expect(app.state.undoDepth > 0)
            return app.state.pool.blocks
        }
        #expect(try run(seed: 7) == run(seed: 7))
        #expect(try run(seed: 7) != run(seed: 8))
    }

    @Test func selectionMovesWithArrowsVimKeysHomeAndEnd() throws {
        var drive = try ExplorerDrive()
        for _ in 0..<3 { try drive.allocate("10") }
        try drive.send([.key(.home)])
        #expect(drive.state.selectedOffset == 0)
        try drive.send([.key(.left)])
        #expect(drive.state.selectedOffset == 0, "no block before the first")
        try drive.send([.key(.right), .character("l")])
        #expect(drive.state.selectedOffset == 20)
        try drive.send([.key(.right)])
        #expect(drive.state.selectedOffset == 20, "no block after the last")
        try drive.send([.character("h")])
        #expect(drive.state.selectedOffset == 10)
        try drive.send([.key(.end)])
        #expect(drive.state.selectedOffset == 20)
    }

    @Test func zoomStopsAtOneBytePerCellAndAtTheWholePool() throws {
        var drive = try ExplorerDrive(poolSize: 64 * 1024)
        try drive.allocate("100")
        try drive.send(Array(repeating: .character("+"), count: 40))
        #expect(drive.state.mapGeometry.bytesPerCell == 1)
        #expect(drive.state.mapGeometry.bytes.contains(0), "zoomed around the selection")
        try drive.send([.character("-")])
        #expect(drive.state.mapGeometry.bytesPerCell == 2)
        try drive.send(Array(repeating: .character("-"), count: 40))
        #expect(drive.state.mapGeometry.isFit)
        try drive.send([.character("+"), .character("+"), .character("0")])
        #expect(drive.state.viewport == .fit)
    }

    @Test func pageKeysScrollOnlyWhenZoomed() throws {
        var drive = try ExplorerDrive(poolSize: 64 * 1024)
        try drive.send([.key(.pageDown)])
        #expect(drive.state.mapGeometry.isFit)
        try drive.send(Array(repeating: .character("+"), count: 4))
        let top = drive.state.mapGeometry.bytes.lowerBound
        try drive.send([.key(.pageDown)])
        let scrolled = drive.state.mapGeometry.bytes.lowerBound
        #expect(scrolled > top)
        try drive.send(Array(repeating: .key(.pageDown), count: 200))
        #expect(drive.state.mapGeometry.bytes.upperBound == 64 * 1024, "never past the end")
        try drive.send(Array(repeating: .key(.pageUp), count: 200))
        #expect(drive.state.mapGeometry.bytes.lowerBound == 0)
    }

    @Test func aClickSelectsTheBlockUnderIt() throws {
        var drive = try ExplorerDrive(poolSize: 4096)
        for size in ["1K", "1K", "1K"] { try drive.allocate(size) }
        let position = try #require(drive.screenPosition(ofByte: 1024 + 512))
        try drive.send([.click(row: position.row, column: position.column)])
        #expect(drive.state.selectedOffset == 1024)
        let free = try #require(drive.screenPosition(ofByte: 4000))
        try drive.send([.click(row: free.row, column: free.column)])
        #expect(drive.state.selectedOffset == nil, "a click on free space selects nothing")
        let overview = drive.state.layout
        let cell = overview.overviewGeometry(totalSize: 4096).cell(holding: 2048 + 512)!
        try drive.send([.click(row: overview.overviewRow, column: overview.overviewColumn + cell)])
        #expect(drive.state.selectedOffset == 2048)
        // Clicks anywhere else, even far outside the screen, change nothing.
        try drive.send([
            .click(row: 0, column: 0), .click(row: -5, column: 1_000_000), .click(row: Int.max, column: Int.min),
        ])
        #expect(drive.state.selectedOffset == 2048)
    }

    @Test func helpOpensWithQuestionMarkOrF1AndClosesWithEsc() throws {
        var drive = try ExplorerDrive()
        try drive.send([.character("?")])
        #expect(drive.state.isHelpOpen)
        try drive.send([.character("a")])
        #expect(drive.state.prompt == nil, "help is modal")
        try drive.send([.key(.escape)])
        #expect(!drive.state.isHelpOpen)
        try drive.send([.key(.f1)])
        #expect(drive.state.isHelpOpen)
        try drive.send([.key(.f1)])
        #expect(!drive.state.isHelpOpen)
    }

    @Test func quitAndHelpFollowTheOneRule() throws {
        let size = TerminalSize(width: 100, height: 30)
        try QuitAndHelpRule<ExplorerApp>(
            make: { ExplorerApp(state: try ExplorerState(poolSize: 4096, screenSize: size)) },
            isHelpOpen: \.state.isHelpOpen, otherKey: .character("r"),
            prompted: {
                var state = try ExplorerState(poolSize: 4096, screenSize: size)
                _ = state.reduce(.character("a"))
                return ExplorerApp(state: state)
            },
            promptText: { $0.state.prompt?.line.text }
        ).check()
    }

    @Test func aSmallScreenShowsTheMessageAndRecovers() throws {
        var drive = try ExplorerDrive()
        try drive.allocate("100")
        try drive.send([.resize(TerminalSize(width: 59, height: 16))])
        #expect(drive.terminal.lastFrame?.width == 59)
        #expect(drive.screen.contains("small"))
        #expect(!drive.screen.contains("Stats"))
        try drive.send([.resize(TerminalSize(width: 60, height: 15)), .character("f")])
        #expect(drive.pool.stats.blockCount == 0, "keys still work while the screen is too small")
        try drive.send([.resize(TerminalSize(width: 60, height: 16))])
        #expect(drive.screen.contains("Stats"))
        #expect(!drive.screen.contains("too small"))
    }

    @Test func hostileScreenSizesAndEventsDoNotTrap() throws {
        var drive = try ExplorerDrive()
        try drive.allocate("1")
        for size in [
            TerminalSize(width: 0, height: 0), TerminalSize(width: 1, height: 1), TerminalSize(width: -3, height: 7),
            TerminalSize(width: 16, height: 5), TerminalSize(width: 400, height: 200),
        ] {
            try drive.send([
                .resize(size), .character("+"), .key(.pageDown), .character("-"),
                .click(row: 3, column: 10), .wheel(.down, row: 4, column: 10), .tick,
            ])
        }
        #expect(drive.pool.stats.blockCount == 1)
    }

    @Test func aOneBytePoolWorks() throws {
        var drive = try ExplorerDrive(poolSize: 1)
        try drive.allocate("1")
        #expect(drive.pool.stats.free == 0)
        try drive.send([.character("R"), .character("r"), .character("d"), .character("+"), .character("-")])
        try drive.allocate("1")
        #expect(drive.lastLog.contains("the pool is full") || drive.pool.stats.blockCount == 1)
    }

    @Test(arguments: [Int.max, 1 << 40, 3])
    func everyKeyWorksOnExtremePoolSizes(poolSize: Int) throws {
        var drive = try ExplorerDrive(poolSize: poolSize)
        let keys: [InputEvent] = [
            .character("R"), .character("r"), .key(.home), .character("+"), .character("+"),
            .key(.pageDown), .key(.end), .character("f"), .character("d"), .tick, .character("-"),
            .character("0"), .character("u"), .wheel(.down, row: 5, column: 20), .click(row: 4, column: 10),
        ]
        try drive.send(keys + keys)
        try drive.allocate("0x7fffffffffffffff")
        try drive.allocateAligned("1 0x4000000000000000")
        #expect(drive.state.prompt == nil)
        #expect(!drive.screen.isEmpty)
    }

    @Test func theScreenShowsTheStatsChanging() throws {
        var drive = try ExplorerDrive(poolSize: 64 * 1024)
        let before = drive.screen
        try drive.allocate("4KiB")
        #expect(drive.screen != before)
        #expect(drive.screen.contains("alloc 4 KiB → 0x0000"))
        #expect(drive.screen.contains("60 KiB"))
    }
}
