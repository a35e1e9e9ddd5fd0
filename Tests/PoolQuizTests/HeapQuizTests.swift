import PoolAllocator
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolQuiz
@testable import PoolScript

/// The quiz of a heap scene (`poolmap ostep … --quiz`, `poolmap quiz` on a heap script): each
/// allocation asks which element of the free list it takes, in list order, or that it fails.
@Suite struct HeapQuizTests {
    /// Blocks of 16 at 1000, 24 at 1016, 12 at 1040 (header 4, sizes rounded up to 4); freeing
    /// a then c puts each at the list's front: [1040 12, 1000 16, 1052 48]. Then Q4 `d = alloc 9`
    /// takes 16 bytes: first fit skips 1040 (too small) and returns 1000 (searched 2 elements);
    /// Q5 `e = alloc 60` takes 64 bytes and fails (searched 2); the stats' fragmentation is
    /// 1 − 48 / 60 = 20%.
    static let script = """
        heap 100 base 1000 header 4 round 4 policy first order insert-front
        a = alloc 10
        b = alloc 20
        c = alloc 8
        free a
        free c
        d = alloc 9
        e = alloc 60
        stats
        """

    func drive() throws -> QuizDrive { try QuizDrive(script: Self.script) }

    @Test func elementsAreAskedInListOrderAtAddressesFromTheBase() throws {
        var drive = try drive()
        #expect(drive.caption == "Q1: a = alloc 10 returned ? Which element does it take? (first fit · INSERT-FRONT)")
        #expect(drive.statement.hasPrefix("1-9 or ←/→ choose the element it takes, in list order"))
        for _ in 0..<3 { try drive.answerRightly() }
        #expect(drive.state.score.text == "3/3")
        #expect(drive.state.log.contains { $0.text == "line 6: free c (1040)" })
        #expect(drive.caption.hasPrefix("Q4: d = alloc 9 returned ?"))
        let question = try #require(drive.question)
        #expect(question.blocks.map(\.start) == [40, 0, 52], "offsets from the base, in list order")
        #expect(question.blocks.map(\.verdict) == [.tooSmall, .fits, .fits])
        #expect(question.answerIndex == 1)
        #expect(drive.screen.contains("takes 16 B with its header"))
    }

    @Test func aNumberKeyPicksAnElementAndAWrongOneSaysWhy() throws {
        var drive = try drive()
        for _ in 0..<3 { try drive.answerRightly() }
        try drive.send([.character("1")])
        #expect(drive.choice == .block(0))
        // The pick on the map and in the list panel.
        let marker = try #require(drive.state.screenModel.marker)
        #expect(marker.bytes == 40..<52)
        #expect(drive.screen.contains("returns 1040 (#1 of 3)"))
        #expect(drive.screen.contains("▸ 1 1040    12 yours"))
        try drive.confirm()
        #expect(drive.caption == "✗ Wrong: it returns 1000 (searched 2 elements)")
        #expect(
            drive.statement
                == "the element you chose, 1040, is too small (12 B < 16 B with its header); first fit takes the "
                + "first element that fits, in list order: 1000, after 1 that do not fit")
        #expect(drive.state.log.contains { $0.text.hasPrefix("Q4 d = alloc 9: you said 1040. ✗ Wrong") })
        #expect(drive.state.score.text == "3/4" && drive.state.score.wrong[.placement] == 1)
    }

    @Test func aRightPickRevealsTheSearchWalkOfTheList() throws {
        var drive = try drive()
        for _ in 0..<3 { try drive.answerRightly() }
        try drive.send([.character("2"), .key(.enter)])
        #expect(drive.caption == "✓ Right: it returns 1000 (searched 2 elements)")
        #expect(
            drive.statement
                == "first fit takes the first element that fits, in list order: 1000, after 1 that do not fit")
        // The search walks the heap before the allocation, element by element, as the player's `e` does.
        let search = try #require(drive.state.animation.search)
        #expect(!search.isDecided && search.heapBefore?.freeList.count == 3)
        #expect(drive.state.screenModel.heap?.heap.allocatedSizes[1000] == nil)
        try drive.send(drive.ticks(60))
        #expect(drive.state.animation.search?.isDecided == true)
        #expect(drive.state.screenModel.heap?.heap.allocatedSizes[1000] == 16)
        #expect(drive.state.screenModel.animation.appearing == [0..<16])
        #expect(drive.screen.contains("× 1 1040    12"))
        #expect(drive.screen.contains("✓ 2 1000    16 taken"))
        #expect(drive.screen.contains("searched 2 elements"))
        #expect(drive.screen.contains("→ returned 1000"))
    }

    @Test func failsIsRightWhenNoElementFitsAndTheScoreCountsIt() throws {
        var drive = try drive()
        for _ in 0..<4 { try drive.answerRightly() }
        #expect(drive.caption.hasPrefix("Q5: e = alloc 60 returned ?"))
        try drive.send([.character("x")])
        try drive.confirm()
        #expect(drive.caption == "✓ Right: it fails")
        #expect(
            drive.statement
                == "no element holds 64 B with its header (searched 2 elements, so malloc.py returns -1) "
                + "(the largest element has 48 B)")
        try drive.next()
        // The heap's stats: the fragmentation of its free list.
        #expect(drive.state.phase == .fragmentation)
        try drive.type("20")
        try drive.confirm()
        #expect(drive.caption == "✓ Right: fragmentation is 20%")
        try drive.next()
        #expect(drive.state.phase == .finished)
        #expect(drive.state.score.text == "6/6")
        #expect(drive.state.score.right[.failure] == 1 && drive.state.score.right[.fragmentation] == 1)
    }

    @Test func pickingAnElementWhenItFailsIsWrong() throws {
        var drive = try drive()
        for _ in 0..<4 { try drive.answerRightly() }
        try drive.send([.character("2")])
        try drive.confirm()
        #expect(drive.caption == "✗ Wrong: it fails")
        #expect(drive.statement.hasSuffix("; the element you chose, 1052, is too small (48 B < 64 B with its header)"))
    }

    @Test func numbersBeyondTheListAndEnterAloneAreRefused() throws {
        var drive = try drive()
        try drive.send([.character("4")])
        #expect(drive.choice == .undecided)
        #expect(drive.state.log.last?.text == "the free list has 1 element: press 1 to 1")
        try drive.send([.key(.enter)])
        #expect(drive.state.log.last?.text == "choose an element (1-9, ←/→ or a click) or x for fails")
        #expect(drive.state.score.text == "0/0")
    }

    @Test func aClickOnTheMapPicksTheElementUnderIt() throws {
        var drive = try drive()
        for _ in 0..<3 { try drive.answerRightly() }
        let layout = drive.state.layout
        let cell = try #require(drive.state.mapGeometry.cell(holding: 60))
        try drive.send([
            .click(
                row: layout.mapTopRow + cell / layout.mapColumns, column: layout.mapColumn + cell % layout.mapColumns)
        ])
        #expect(drive.choice == .block(2), "1052 is the list's third element")
    }

    @Test("each search policy's tie goes to the earlier element", arguments: ["best", "worst"])
    func tiesGoToTheEarlierElement(policy: String) throws {
        // Two free elements of 20 B, the one at 1060 first in the list (insert-front).
        var drive = try QuizDrive(
            script: """
                heap 100 base 1000 policy \(policy) order insert-front
                a = alloc 20
                b = alloc 20
                c = alloc 20
                d = alloc 20
                e = alloc 20
                free a
                free c
                x = alloc 10
                """)
        for _ in 0..<5 { try drive.answerRightly() }
        #expect(drive.question?.blocks.map(\.start) == [40, 0])
        try drive.send([.character("2")])
        try drive.confirm()
        let word = policy == "best" ? "small" : "large"
        #expect(drive.caption == "✗ Wrong: it returns 1040 (searched 2 elements)")
        #expect(drive.statement.hasSuffix("1040 has 20 B, yours 20 B; as \(word), and earlier in the list"))
    }
}
