import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolScript

/// Random pools, viewports, sizes and animations: the renderer never traps, keeps every row
/// one column per character, and its map cells follow the cell rule exactly.
@Suite("Randomized rendering")
struct RandomizedRenderTests {
    /// The glyph the cell rule gives `usage`, with the map's additions: `▏` for hidden used
    /// bytes, `▓` for an alternate block in monochrome.
    static func allowedGlyphs(_ usage: RangeUsage) -> Set<Character> {
        switch MapCells.kind(of: usage) {
        case .used: return ["█", "▓"]
        case .padding: return usage.usedBytes > 0 ? ["▏"] : ["▒"]
        case .free: return usage.usedBytes > 0 ? ["▏"] : ["░"]
        }
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func mapCellsFollowTheRule(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let total = [1, 7, 300, 4096, 65_536, 1 << 20, 1 << 40][random.below(7)]
        var pool = try MemoryPool(totalSize: total)
        var live: [Int] = []
        for _ in 0..<random.below(300) {
            if !live.isEmpty, random.below(3) == 0 {
                let index = random.below(live.count)
                try pool.free(live.remove(at: index))
            } else {
                let size = 1 + random.below(max(1, total / 40))
                let alignment = random.below(4) == 0 ? 1 << random.below(12) : 1
                if let offset = try pool.allocAligned(size, alignment: alignment) { live.append(offset) }
            }
        }
        let width = 60 + random.below(141), height = 16 + random.below(45)
        let viewport =
            random.below(2) == 0
            ? MapViewport.fit
            : MapViewport(bytesPerCell: 1 << random.below(20), firstByte: random.below(total))
        let model = ScreenModel(
            pool: pool, selectedOffset: live.isEmpty ? nil : live[random.below(live.count)],
            viewport: viewport, fragmentationHistory: [0.5], monochrome: random.below(2) == 0)
        let grid = ScreenRenderer.render(model, width: width, height: height)
        #expect(grid.cells.allSatisfy { $0.character.isSingleColumn }, "seed \(seed)")
        let layout = ScreenLayout(model: model, width: width, height: height)
        let geometry = layout.mapGeometry(totalSize: total, viewport: viewport)
        for index in 0..<geometry.cellCount {
            let row = layout.mapTopRow + index / layout.mapColumns
            let column = layout.mapColumn + index % layout.mapColumns
            let bytes = geometry.range(ofCell: index)
            let glyph = grid[row, column].character
            #expect(
                Self.allowedGlyphs(pool.usage(in: bytes)).contains(glyph),
                "seed \(seed): cell \(index) \(bytes) drawn \(glyph)")
            if grid[row, column].style == .selected, let selected = model.selectedOffset,
                let block = pool.block(at: selected)
            {
                #expect(bytes.overlaps(block.start..<block.end), "seed \(seed)")
            }
        }
        // A defragment slide at a random progress: still one column per character, and the
        // end of the slide is the pool as it is.
        var after = pool
        let moves = after.defragment()
        var sliding = model
        sliding.pool = after
        sliding.animation = ScreenAnimation(
            appearing: [0..<min(total, 64)], fading: [(total / 2)..<total],
            slide: SlideAnimation(moves: moves, in: after, progress: Double(random.below(101)) / 100))
        let frame = ScreenRenderer.render(sliding, width: width, height: height)
        #expect(frame.cells.allSatisfy { $0.character.isSingleColumn }, "seed \(seed)")
        sliding.animation = ScreenAnimation(slide: SlideAnimation(moves: moves, in: after, progress: 1))
        var still = sliding
        still.animation = .none
        #expect(
            ScreenRenderer.render(sliding, width: width, height: height)
                == ScreenRenderer.render(still, width: width, height: height), "seed \(seed)")

        // The rule's own cells agree with the screen's when fitted.
        if geometry.isFit {
            let cells = MapCells.cells(of: pool, in: 0..<total, count: geometry.cellCount)
            #expect(cells.map(\.bytes) == (0..<geometry.cellCount).map(geometry.range(ofCell:)), "seed \(seed)")
        }
    }
}
