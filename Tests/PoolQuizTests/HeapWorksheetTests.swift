import PoolAllocator
import Testing

@testable import PoolQuiz
@testable import PoolScript

/// A heap scene's script as a worksheet (`poolmap ostep FLAGS --script`): the worksheet's own
/// `# -> ` mark on exactly the lines that have an answer, blank or filled in, and the same
/// statements either way.
@Suite struct HeapWorksheetTests {
    static let script = """
        heap 20 base 1000 header 4 policy best order addrsort
        ptr0 = alloc 3
        free ptr0
        # -7: Invalid Free: Skipping (malloc.py)
        ptr1 = alloc 40

        """
    static let answers = [
        2: FreeListHeap.Allocation(address: 1000, searched: 1),
        5: FreeListHeap.Allocation(address: nil, searched: 2),
    ]

    func sheet(showingAnswers: Bool, title: String = "poolmap ostep -A +3,-0,-7,+40") -> String {
        Worksheet.heapSheet(title: title, script: Self.script, answers: Self.answers, showingAnswers: showingAnswers)
    }

    /// The sheet with `first` and `second` after the two allocations' marks.
    static func expected(_ first: String, _ second: String) -> String {
        """
        # poolmap ostep -A +3,-0,-7,+40
        # Write what each allocation returns (its header's address, or "fails") and the elements it searched.
        heap 20 base 1000 header 4 policy best order addrsort
        ptr0 = alloc 3  # -> \(first)
        free ptr0
        # -7: Invalid Free: Skipping (malloc.py)
        ptr1 = alloc 40  # -> \(second)

        """
    }

    @Test func theBlankSheetAsksEveryAllocation() {
        #expect(sheet(showingAnswers: false) == Self.expected("?", "?"))
    }

    @Test func theKeyGivesTheAddressOrFailsAndTheCount() {
        #expect(sheet(showingAnswers: true) == Self.expected("1000 (searched 1)", "fails (searched 2)"))
    }

    /// Both sheets are the script: the same statements, parsed alike, on the same lines.
    @Test func bothSheetsParseToTheSameStatements() throws {
        let blank = try ScriptParser.parse(sheet(showingAnswers: false), fileName: "sheet.pool")
        let key = try ScriptParser.parse(sheet(showingAnswers: true), fileName: "key.pool")
        #expect(Array(blank.statements) == Array(key.statements))
        #expect(blank.statements.map(\.line) == [3, 4, 5, 7])
    }

    @Test func aNewlineInTheTitleStaysInItsComment() {
        let text = sheet(showingAnswers: false, title: "poolmap ostep -A +3,-0\n,+40")
        #expect(text.hasPrefix("# poolmap ostep -A +3,-0\\n,+40\n# Write what each allocation returns"))
    }
}
