import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolReport
@testable import PoolScript

/// `compare --orders` in a terminal: a band per heap list order, each searching by the scene's
/// own policy, played through the fake terminal, and ranked as the headless comparison ranks.
@Suite struct CompareOrdersTests {
    /// Three blocks freed b, a, c and a request for the whole heap: under ADDRSORT coalescing
    /// merges them all and it fits; sorted by size, a and b touch but are not list neighbours;
    /// inserted at the front, c's element comes first.
    static let text = """
        heap 64 base 1000 header 4 policy best coalesce
        a = alloc 10
        b = alloc 10
        c = alloc 10
        free b
        free a
        free c
        x = alloc 40
        y = alloc 6
        """

    static let orders: [FreeListHeap.ListOrder] = [.sizeAscending, .addressSorted, .insertFront]

    static func script() throws -> Script { try ScriptParser.parse(text, fileName: "h.pool") }

    static func state() throws -> CompareState {
        try CompareState(script: try script(), contenders: orders.map(CompareState.Contender.listOrder), poolSize: 4096)
    }

    /// The heap after running the whole script with every heap's list in `order`, headless.
    static func headlessHeap(order: FreeListHeap.ListOrder) throws -> FreeListHeap? {
        var runner = try ScriptRunner(script: try script(), poolSize: 4096, policy: nil)
        runner.heapOrder = order
        while runner.step() != nil {}
        return runner.state.heap
    }

    /// Plays the comparison to its end through the fake terminal (which draws the end's frame
    /// once its events run out), then quits.
    static func playedToTheEnd() throws -> (app: CompareApp, terminal: FakeTerminal) {
        let terminal = FakeTerminal(events: [.key(.end), .tick])
        var app = CompareApp(state: try state())
        #expect(throws: FakeTerminal.ScriptEnded.self) { try AppRunner.run(&app, on: terminal) }
        let end = terminal.lastFrame
        terminal.enqueue([.character("q")])
        #expect(try AppRunner.run(&app, on: terminal) == .quit)
        #expect(terminal.lastFrame?.text == end?.text, "q quits without moving")
        return (app, terminal)
    }

    @Test func aBandPerOrderEndsWithTheHeadlessHeapOfThatOrder() throws {
        let (app, terminal) = try Self.playedToTheEnd()
        #expect(app.state.isFinished)
        #expect(app.state.screenModel.bands.map(\.name) == ["SIZESORT+", "ADDRSORT", "INSERT-FRONT"])
        for (band, order) in zip(app.state.bands, Self.orders) {
            let heap = try #require(band.timeline.current.state.heap)
            #expect(heap.order == order)
            #expect(heap.policy == .best, "the scene's own policy")
            #expect(heap == (try Self.headlessHeap(order: order)), "\(order)")
        }
        let frame = try #require(terminal.lastFrame).text
        for name in ["SIZESORT+", "ADDRSORT", "INSERT-FRONT"] { #expect(frame.contains(name), "no band \(name)") }
        #expect(frame.contains(" rank  list order    failed "), "the ranking names what it ranks")
    }

    @Test func theRankingIsTheHeadlessComparisonOfTheOrders() throws {
        let (app, _) = try Self.playedToTheEnd()
        let model = app.state.screenModel
        let headless = try Comparison(.script(try Self.script()), orders: Self.orders, poolSize: 4096)
        #expect(headless.ranking.map(\.listOrder) == [.addressSorted, .sizeAscending, .insertFront])
        #expect(model.ranking?.map(\.name) == headless.ranking.map(\.name))
        #expect(model.ranking?.map(\.failedAllocations) == headless.ranking.map(\.failedAllocations))
        #expect(app.state.ranking == headless.ranking)
        #expect(model.bands.map(\.rank) == [2, 1, 3])
        #expect(model.rankedBy == "list order")
    }

    @Test func aFailureFlashesItsOrdersBandAndIsLoggedByTheOrdersName() throws {
        var state = try Self.state()
        state.pacing.stop()
        for _ in 0..<8 { _ = state.reduce(.character("n")) }  // the heap, then through x = alloc 40
        let model = state.screenModel
        #expect(model.bands.map(\.isFlashing) == [true, false, true])
        #expect(model.bands.map(\.failedAllocations) == [1, 0, 1])
        let last = try #require(model.log.last)
        #expect(last.isError)
        #expect(last.text.hasPrefix("8 x = alloc 40: SIZESORT+ failed: "))
        #expect(last.text.contains(" · ADDRSORT → 1000 (searched 1) · INSERT-FRONT failed: "))
        #expect(state.policies.isEmpty, "orders compared, not policies")
    }
}
