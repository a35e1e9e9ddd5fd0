import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolText

/// Whole screens rendered to plain text and compared with `Golden/*.txt`.
/// Re-record with `POOLMAP_RECORD_GOLDEN=1 swift test --filter ScreenGoldenTests`.
@Suite("Screen golden files")
struct ScreenGoldenTests {
    static let golden = Golden(#filePath)

    @Test func explorerAt80x24() throws {
        Self.golden.check(ScreenRenderer.render(try Scenes.explorer(), width: 80, height: 24), "explorer-80x24")
    }

    @Test(arguments: [20, 40, 60, 61, 80, 100, 120, 160, 200])
    func widths(width: Int) throws {
        Self.golden.check(ScreenRenderer.render(try Scenes.explorer(), width: width, height: 20), "width-\(width)x20")
    }

    @Test func oneByteBlockIsVisible() throws {
        var pool = try MemoryPool(totalSize: 1 << 20)
        let offset = try pool.alloc(1)!
        let model = ScreenModel(pool: pool, log: [LogEntry("alloc 1 B → 0x0000")])
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 20), "one-byte-block")
        _ = offset
    }

    @Test func oneBytePerCell() throws {
        var pool = try MemoryPool(totalSize: 300)
        _ = try pool.alloc(10)
        _ = try pool.allocAligned(5, alignment: 32)
        _ = try pool.alloc(100)
        let model = ScreenModel(pool: pool)
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 20), "one-byte-per-cell")
    }

    @Test func oneMebibytePerCell() throws {
        var pool = try MemoryPool(totalSize: 1 << 30)
        _ = try pool.alloc(3 << 20)
        _ = try pool.alloc(1)
        _ = try pool.allocAligned(10 << 20, alignment: 8 << 20)
        let model = ScreenModel(pool: pool, viewport: MapViewport(bytesPerCell: 1 << 20, firstByte: 0))
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 20), "one-mebibyte-per-cell")
    }

    @Test func zoomedAndScrolledHalfway() throws {
        var model = try Scenes.explorer()
        model.viewport = MapViewport(bytesPerCell: 64, firstByte: 24 * 1024)
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 20), "zoomed-scrolled")
    }

    @Test func fullPool() throws {
        let pool = try Scenes.packed(total: 4096, count: 16, size: 256)
        let failure = AllocationFailure.message(size: 1, stats: pool.stats)
        let model = ScreenModel(pool: pool, selectedOffset: 256, log: [LogEntry(failure, isError: true)])
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 20), "full-pool")
    }

    @Test func emptyPool() throws {
        let model = ScreenModel(pool: try MemoryPool(totalSize: 64 * 1024))
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 20), "empty-pool")
    }

    @Test func alignedBlockWithPadding() throws {
        var pool = try MemoryPool(totalSize: 1024)
        _ = try pool.alloc(10)
        let aligned = try pool.allocAligned(100, alignment: 256)!
        let model = ScreenModel(pool: pool, names: [aligned: "uniforms"], selectedOffset: aligned)
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 20), "aligned-with-padding")
    }

    @Test func monochromeAlternatesGlyphs() throws {
        let pool = try Scenes.packed(total: 2048, count: 12, size: 100)
        let model = ScreenModel(pool: pool, monochrome: true)
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 16), "monochrome-neighbours")
    }

    @Test func helpOverlay() throws {
        var model = try Scenes.explorer()
        model.isHelpOpen = true
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 24), "help-80x24")
        Self.golden.check(ScreenRenderer.render(model, width: 60, height: 16), "help-60x16")
    }

    @Test func tooSmall() throws {
        let model = try Scenes.explorer()
        Self.golden.check(ScreenRenderer.render(model, width: 50, height: 12), "too-small-50x12")
        Self.golden.check(ScreenRenderer.render(model, width: 16, height: 5), "too-small-16x5")
        Self.golden.check(ScreenRenderer.render(model, width: 59, height: 40), "too-small-59x40")
    }

    @Test func playbackWithPromptError() throws {
        var model = try Scenes.explorer()
        model.title = "demos/fragmentation.pool"
        model.caption = "Freeing every other block leaves holes no large request fits."
        model.statement = "line 12: alloc 60KiB as big"
        model.prompt = PromptLine(label: "alloc size", text: "abc", error: "\"abc\" is not a size")
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 20), "playback-prompt-error")
    }

    @Test func slideHalfway() throws {
        var before = try MemoryPool(totalSize: 4096)
        var offsets: [Int] = []
        for _ in 0..<8 { offsets.append(try before.alloc(256)!) }
        for index in [0, 2, 5] { try before.free(offsets[index]) }
        var after = before
        let moves = after.defragment()
        var model = ScreenModel(pool: after)
        model.animation.slide = SlideAnimation(moves: moves, in: after, progress: 0)
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 16), "slide-0")
        model.animation.slide?.progress = 0.5
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 16), "slide-50")
        model.animation.slide?.progress = 1
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 16), "slide-100")
    }

    @Test func largeScreenManyBlocks() throws {
        let pool = try Scenes.checkerboard(total: 1 << 20, count: 3000, size: 160)
        let model = ScreenModel(pool: pool, selectedOffset: pool.block(containing: 1 << 18)?.offset)
        Self.golden.check(ScreenRenderer.render(model, width: 200, height: 60), "checkerboard-200x60")
    }

    /// The player's timeline: a short run's steps span several cells; a long run's cells each
    /// summarize a stretch, with failures (`×`) and defragments (`◆`) marked and the part not
    /// read yet dotted.
    @Test func timelines() throws {
        var model = try Scenes.explorer()
        model.caption = "a caption"
        model.statement = "paused · step 3 of 5"
        var short = TimelineModel(
            totalSteps: 5, position: 3, scannedSteps: 5, figure: .used, buckets: Array(repeating: .init(), count: 5))
        for (index, level) in [0.1, 0.3, 0.5, 0.2, 0.9].enumerated() { short.buckets[index].used = Float(level) }
        short.buckets[3].hasFailure = true
        model.timeline = short
        Self.golden.check(ScreenRenderer.render(model, width: 80, height: 20), "timeline-short")
        var long = TimelineModel(
            totalSteps: 10_000_000, position: 6_000_000, scannedSteps: 7_500_000, figure: .fragmentation,
            buckets: Array(repeating: .init(), count: 4096))
        for index in 0..<4096 { long.buckets[index].fragmentation = Float(index % 512) / 512 }
        long.buckets[1000].hasFailure = true
        long.buckets[2000].hasDefragment = true
        long.buckets[2001].hasFailure = true
        long.buckets[2500].hasDefragment = true
        model.timeline = long
        model.statement = "paused · step 6,000,000 of 10,000,000 · reading the run 75%"
        Self.golden.check(ScreenRenderer.render(model, width: 100, height: 24), "timeline-long")
        Self.golden.check(ScreenRenderer.render(model, width: 60, height: 16), "timeline-60x16")
        // The marks are styles over the figure's glyph; the current step is the selected cell.
        let grid = ScreenRenderer.render(model, width: 100, height: 24)
        let row = try #require(ScreenLayout(model: model, width: 100, height: 24).timelineRow)
        let styles = (0..<100).map { grid[row, $0].style }
        #expect(styles.filter { $0 == .error }.count == 2)  // buckets 1000 and 2001
        #expect(styles.contains(.moving))
        #expect(styles.filter { $0 == .selected }.count == 1)
        #expect(grid.line(row).contains("·"))
    }
}
