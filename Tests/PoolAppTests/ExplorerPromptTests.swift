import Testing

@testable import MemoryMap
@testable import PoolApp

@Suite struct ExplorerPromptTests {
    @Test func allocationWithKeysChangesThePoolAndSelects() throws {
        var drive = try ExplorerDrive()
        try drive.allocate("256")
        #expect(drive.pool.stats.used == 256)
        #expect(drive.pool.stats.blockCount == 1)
        #expect(drive.state.selectedOffset == 0)
        #expect(drive.state.prompt == nil)
        #expect(drive.lastLog == "alloc 256 B → 0x0000 (0)")
        try drive.allocate("0x100")
        #expect(drive.state.selectedOffset == 256)
        #expect(drive.pool.stats.used == 512)
        // As the screens print sizes, with the space, and as `head -c` reads them.
        var larger = try ExplorerDrive(poolSize: 4096)
        try larger.allocate("1 KiB")
        #expect(larger.state.selectedOffset == 0)
        try larger.allocate("1k")
        #expect(larger.state.selectedOffset == 1024)
        #expect(larger.pool.stats.used == 2048)
    }

    @Test func alignedAllocationAsksForSizeAndAlignment() throws {
        var drive = try ExplorerDrive()
        try drive.allocate("100")
        try drive.allocateAligned("200 256")
        let block = try #require(drive.state.selectedBlock)
        #expect(block.offset == 256 && block.size == 200 && block.padding == 156)
        #expect(drive.lastLog == "alloc 200 B align 256 B → 0x0100 (256), 156 B padding")
        // A unit apart from its number belongs to it, in either place.
        var larger = try ExplorerDrive(poolSize: 4096)
        try larger.allocateAligned("1 KiB 2 KiB")
        #expect(larger.state.selectedBlock?.offset == 0)
        try larger.allocateAligned("1 KiB 2 KiB")
        #expect(larger.state.selectedBlock?.offset == 2048)
        #expect(larger.state.selectedBlock?.size == 1024)
    }

    @Test(
        arguments: [
            ("abc", "\"abc\" is not a size"),
            ("-5", "\"-5\" is not a size"),
            ("0", "\"0\" is zero: the size must be at least 1"),
            ("0x", "\"0x\" is not a size"),
            ("99999999999999999999G", "\"99999999999999999999G\" is too large"),
            ("8G", nil),
            (" ", "type a size, e.g. 256 or 4KiB"),
            ("1 2", "type one size, e.g. 256 or 4KiB"),
            ("4kb", "\"4kb\" is not a size; did you mean 4KiB (4,096 bytes)?"),
            ("4 kb", "\"4 kb\" is not a size; did you mean 4KiB (4,096 bytes)?"),
        ] as [(String, String?)])
    func badInputStaysInThePromptWithAnError(text: String, error: String?) throws {
        var drive = try ExplorerDrive()
        try drive.allocate(text)
        if let error {
            #expect(drive.state.prompt?.line.error == error)
            #expect(drive.state.prompt?.line.text == text)
            #expect(drive.screen.contains(error))
        } else {
            // A valid size too large for the pool is no input error: the failure is logged.
            #expect(drive.state.prompt == nil)
            #expect(drive.state.log.last?.isError == true)
        }
        #expect(drive.pool.stats.blockCount == 0)
        #expect(drive.state.undoDepth == 0)
        try drive.send([.key(.escape)])
        #expect(drive.state.prompt == nil)
    }

    @Test func alignedPromptRefusesBadAlignments() throws {
        var drive = try ExplorerDrive()
        try drive.allocateAligned("64 0")
        #expect(drive.state.prompt?.line.error == "\"0\" is zero: the alignment must be at least 1")
        try drive.send([.key(.escape)] + [.character("A")] + InputEvent.typing("64") + [.key(.enter)])
        #expect(drive.state.prompt?.line.error == "type a size and an alignment, e.g. 200 256")
        try drive.send([.key(.escape)] + [.character("A")] + InputEvent.typing("64 x") + [.key(.enter)])
        #expect(drive.state.prompt?.line.error == "\"x\" is not a size")
    }

    @Test func correctingTheTextAfterAnErrorAllocates() throws {
        var drive = try ExplorerDrive()
        try drive.allocate("12x")
        #expect(drive.state.prompt?.line.error != nil)
        try drive.send([.key(.backspace)])
        #expect(drive.state.prompt?.line.error == nil)
        try drive.send([.key(.enter)])
        #expect(drive.pool.stats.used == 12)
    }

    @Test func veryLongAndControlInputIsCappedNotTrusted() throws {
        var drive = try ExplorerDrive()
        try drive.send([.character("a")] + InputEvent.typing(String(repeating: "9", count: 500)))
        #expect(drive.state.prompt?.line.text.count == PromptLine.maximumLength)
        #expect(drive.state.prompt?.line.error == "at most 64 characters")
        try drive.send([.key(.enter)])
        #expect(drive.state.prompt?.line.error?.hasSuffix("is too large") == true)
        try drive.send([
            .key(.escape), .character("a"), .character("\u{1B}"), .character("\u{7}"),
            .character("\n"), .character("1"), .key(.tab), .key(.up),
        ])
        #expect(drive.state.prompt?.line.text == "1")
    }

    @Test func escapeCancelsAndKeysInsideThePromptAreText() throws {
        var drive = try ExplorerDrive()
        try drive.send([.character("a"), .character("q"), .character("f"), .character("?")])
        #expect(drive.outcome == nil, "q inside a prompt is text, not quit")
        #expect(drive.state.prompt?.line.text == "qf?")
        #expect(!drive.state.isHelpOpen)
        try drive.send([.key(.escape)])
        #expect(drive.state.prompt == nil)
        #expect(drive.pool.stats.blockCount == 0)
    }

    @Test func aFailedAllocationIsLoggedWithItsReason() throws {
        var drive = try ExplorerDrive(poolSize: 1024)
        for _ in 0..<4 { try drive.allocate("256") }
        try drive.send([.key(.home), .character("f"), .key(.end), .key(.left), .character("f")])
        #expect(drive.pool.stats.free == 512)
        let undoDepth = drive.state.undoDepth
        try drive.allocate("512")
        #expect(
            drive.state.log.last
                == LogEntry("alloc 512 B failed: 512 B free, but the largest free block is 256 B", isError: true))
        #expect(drive.state.undoDepth == undoDepth, "a failure is not an action to undo")
    }
}
