import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap

/// A free-list heap drawn by the one renderer: headers, the rounding's padding, free elements
/// that touch but were not merged, addresses from the base, and the free list in list order
/// with a search walking it. Re-record with
/// `POOLMAP_RECORD_GOLDEN=1 swift test --filter HeapScreenGoldenTests`.
@Suite struct HeapScreenGoldenTests {
    static let golden = Golden(#filePath)

    /// 100 bytes from 1000, headers of 4, requests rounded to 4, sizes sorted ascending, no
    /// coalescing: a (5 → 12 bytes), b, c, d allocated, then a and b freed — two free elements
    /// side by side, listed smallest first.
    static func heap() throws -> FreeListHeap {
        var heap = FreeListHeap(
            baseAddress: 1000, size: 100, headerSize: 4, sizeMultiple: 4, policy: .best, order: .sizeAscending)
        let a = try #require(try heap.malloc(5).address)
        let b = try #require(try heap.malloc(10).address)
        _ = try heap.malloc(7)
        _ = try heap.malloc(3)  // d, right after c: neighbours alternate
        heap.free(b)
        heap.free(a)
        return heap
    }

    static func model(_ heap: FreeListHeap, monochrome: Bool = false) throws -> ScreenModel {
        var model = ScreenModel(pool: try MemoryPool(totalSize: heap.size), title: "heap", monochrome: monochrome)
        model.heap = HeapFrame(heap: heap, freedAddress: 1000, freedSize: 12)
        return model
    }

    /// A fuzzer finding (the apps target): a selection in a heap scene names a heap block by
    /// its address, which the stand-in pool knows nothing of; what the map draws decides.
    @Test func aLiveBlockIsTheHeapsInAHeapScene() throws {
        let heap = try Self.heap()
        let model = try Self.model(heap)
        let live = heap.allocatedSizes.keys.sorted()
        #expect(live.count == 2 && live.allSatisfy { model.hasLiveBlock(at: $0) })
        #expect(!model.hasLiveBlock(at: 1000), "a freed block")
        #expect(!model.hasLiveBlock(at: 0), "an offset of the stand-in pool")
        var pool = try MemoryPool(totalSize: 64)
        let offset = try #require(try pool.alloc(8))
        let plain = ScreenModel(pool: pool)
        #expect(plain.hasLiveBlock(at: offset) && !plain.hasLiveBlock(at: offset + 8))
    }

    @Test func headersPaddingUnmergedElementsAndTheList() throws {
        let heap = try Self.heap()
        #expect(heap.freeList.map(\.size) == [12, 16, 52], "the list, smallest first")
        Self.golden.check(ScreenRenderer.render(try Self.model(heap), width: 100, height: 24), "heap-100x24")
    }

    @Test func monochromeKeepsEveryKindApart() throws {
        let grid = ScreenRenderer.render(try Self.model(try Self.heap(), monochrome: true), width: 100, height: 24)
        Self.golden.check(grid, "heap-monochrome-100x24")
        // The map rows, between their address label and the panel's separator.
        let map = (3..<7).map { grid.line($0).dropFirst(7).prefix { $0 != "│" } }.joined()
        for glyph in ["▀", "█", "▓", "▒", "░", "¦"] { #expect(map.contains(glyph), "\(glyph) in \(map)") }
    }

    @Test func theSearchWalksTheListElementByElement() throws {
        let heap = try Self.heap()
        let search = try #require(heap.search(forRequest: 9))  // 12 + 4 = 16 bytes: best fit takes the 16
        var model = try Self.model(heap)
        model.heap?.searchedList = heap.freeList
        model.heap?.freedAddress = nil
        model.animation.search = SearchView(search: search, revealed: 1)
        let walking = ScreenRenderer.render(model, width: 100, height: 24)
        Self.golden.check(walking, "heap-search-walking")
        #expect(walking.text.contains("× 1 1000    12"), "the first element is too small")
        #expect(walking.text.contains("▸ 2 1012    16 looking"))
        model.animation.search = .decided(search)
        let decided = ScreenRenderer.render(model, width: 100, height: 24).text
        #expect(decided.contains("✓ 2 1012    16 taken") && decided.contains("✓ 3 1048    52"))
        #expect(decided.contains("searched 3 elements") && decided.contains("→ returned 1012"))
    }
}
