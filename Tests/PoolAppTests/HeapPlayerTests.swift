import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolScript
@testable import PoolText

/// The player on a heap scene: the same player (keys, timeline, explain), the heap's map and
/// its free list, and the search walk (`e`) element by element in list order, each verdict and
/// the count as malloc.py's model has them, for every policy and list order.
@Suite struct HeapPlayerTests {
    static func script(policy: FreeListHeap.SearchPolicy, order: FreeListHeap.ListOrder) throws -> Script {
        try ScriptParser.parse(
            """
            heap 100 header 2 round 4 policy \(HeapSpec.name(policy)) order \(HeapSpec.name(order))
            a = alloc 10
            b = alloc 5
            c = alloc 20
            d = alloc 8
            free a
            free c
            e = alloc 3
            free d
            f = alloc 30
            g = alloc 90
            free b
            h = alloc 6
            """, fileName: "h.pool")
    }

    /// The list lines of the panel (right of the separator) that carry a mark: (glyph, position).
    static func marks(in grid: Grid) -> [(Character, Int)] {
        (0..<grid.height).compactMap { row in
            let line = grid.line(row)
            guard let bar = line.firstIndex(of: "│") else { return nil }
            let panel = line[line.index(after: bar)...].dropFirst()
            guard let glyph = panel.first, "×✓▸".contains(glyph) else { return nil }
            let number = panel.dropFirst().drop { $0 == " " }.prefix { $0.isNumber }
            return Int(number).map { (glyph, $0) }
        }
    }

    @Test(arguments: FreeListHeap.SearchPolicy.allCases)
    func theSearchWalkShowsEachVerdictAndMallocsCount(policy: FreeListHeap.SearchPolicy) throws {
        for order in FreeListHeap.ListOrder.allCases {
            let script = try Self.script(policy: policy, order: order)
            var app = PlayerApp(state: try PlayerState(script: script, poolSize: 1024, paused: true, explain: true))
            var allocations = 0
            while !app.state.isFinished {
                _ = app.handle(.character("n"))
                guard let step = app.state.timeline.lastStep, case .alloc = step.operation else { continue }
                allocations += 1
                let animation = try #require(app.state.animation.search, "\(policy) \(order): \(step)")
                // The count and the choice are malloc's: the runner's step has them from the heap.
                // A failure looked at every element (and changed nothing).
                let searched = step.searched ?? app.state.timeline.current.state.heap!.freeList.count
                #expect(animation.search.looks.count == searched, "\(policy) \(order) \(step)")
                if case .placed(let address, _) = step.outcome {
                    #expect(animation.search.offset.map { $0 + 1000 } == address)
                } else {
                    #expect(animation.search.offset == nil)
                }
                // Tick through it: each frame's panel marks the looks revealed so far, in list order.
                while true {
                    let view = animation.view
                    let grid = app.view(width: 100, height: 30)
                    let shown = app.state.animation.search?.view ?? view
                    var expected: [(Character, Int)] = (0..<shown.revealed).map {
                        (SearchText.glyph(shown.search.looks[$0].verdict), $0 + 1)
                    }
                    if let current = shown.currentIndex { expected.append(("▸", current + 1)) }
                    let marks = Self.marks(in: grid)
                    #expect(
                        marks.map(\.0) == expected.map(\.0) && marks.map(\.1) == expected.map(\.1),
                        "\(policy) \(order) \(step)\n\(grid.text)")
                    if shown.isDecided {
                        #expect(grid.text.contains("searched \(searched) elements"), "\(grid.text)")
                        break
                    }
                    _ = app.handle(.tick)
                }
            }
            #expect(allocations == 8)
        }
    }

    @Test func theHeapsMapAndListFollowSeeksBothWays() throws {
        let script = try Self.script(policy: .best, order: .addressSorted)
        var app = PlayerApp(state: try PlayerState(script: script, poolSize: 1024, paused: true))
        _ = app.handle(.tick)  // reads the whole run ahead, so the timeline stays as it is
        for _ in 0..<7 { _ = app.handle(.character("n")) }
        let there = app.view(width: 100, height: 30)
        #expect(there.text.contains("100 B heap at 1000"))
        #expect(there.text.contains("Free list · BEST · ADDRSORT"))
        #expect(there.text.contains("free c (1024)"))
        for _ in 0..<3 { _ = app.handle(.character("n")) }
        for _ in 0..<3 { _ = app.handle(.character("b")) }
        let back = app.view(width: 100, height: 30)
        for row in 0..<there.height where back.line(row) != there.line(row) {
            Issue.record("back where it was, drawn the same: row \(row)\n\(back.line(row))\n\(there.line(row))")
        }
        _ = app.handle(.character("?"))
        #expect(app.view(width: 100, height: 30).text.contains("explain"), "the player's own help")
    }

    @Test func aPausedPlayerOpensOnTheHeapTheSceneDeclares() throws {
        let script = try Self.script(policy: .first, order: .insertFront)
        var app = PlayerApp(state: try PlayerState(script: script, poolSize: 64 * 1024, paused: true))
        // Step 0: the heap statement's heap, before its first operation, not the 64 KiB pool.
        let opening = app.state.screenModel
        #expect(app.state.timeline.position == 0)
        let heap = try #require(opening.heap?.heap)
        #expect(heap.size == 100 && heap.headerSize == 2 && heap.order == .insertFront && heap.allocatedSizes.isEmpty)
        #expect(opening.pool.totalSize == 100)
        let screen = app.view(width: 100, height: 30).text
        #expect(screen.contains("100 B heap at 1000"))
        #expect(screen.contains("Free list · FIRST · INSERT-FR"))
        #expect(!screen.contains("64 KiB"))
        // The first step is still the heap statement; the same heap, then the first allocation.
        _ = app.handle(.character("n"))
        #expect(app.state.timeline.position == 1)
        #expect(app.state.screenModel.heap?.heap == heap)
        _ = app.handle(.character("n"))
        #expect(app.state.screenModel.heap?.heap.allocatedSizes[1000] == 14)
        // A script opening with a pool is drawn as before.
        let pool = PlayerApp(
            state: try PlayerState(
                script: try ScriptParser.parse("pool 1K\na = alloc 10\n", fileName: "p.pool"), poolSize: 4096,
                paused: true))
        #expect(pool.state.screenModel.heap == nil && pool.state.screenModel.pool.totalSize == 4096)
    }
}
