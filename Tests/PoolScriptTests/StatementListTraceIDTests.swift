import Testing

@testable import PoolScript

/// `StatementList.traceID(at:)`, which the runner reads to prefetch the next step's lookup,
/// names the id each statement's action holds, however the list stores it.
@Suite struct StatementListTraceIDTests {
    @Test func packedTraceIDsAreTheDecodedStatementsIDs() throws {
        // `1 << 60` does not fit the packed word and `m … 3` is no power of two: both are kept
        // whole beside the packed words.
        let text = "a 0 5\nm 7 200 256\nr 0 64\nf 7\nf -1\na \(1 << 60) 8\nm 9 16 3\nf \(1 << 60)\n"
        let statements = try TraceParser.parse(text, fileName: "t.trace").statements
        #expect(statements.count == 8)
        for index in statements.indices {
            #expect(statements.traceID(at: index) == statements[index].action.traceID, "statement \(index)")
        }
        #expect((0..<8).map { statements.traceID(at: $0) } == [0, 7, 0, 7, -1, 1 << 60, 9, 1 << 60])
    }

    @Test func scriptStatementsHaveNoTraceID() throws {
        let statements = StatementList([
            Statement(line: 1, action: .pool(size: 64)),
            Statement(line: 2, action: .alloc(name: "a", size: 8, alignment: nil)),
            Statement(line: 3, action: .traceFree(id: 4)),
        ])
        #expect([0, 1, 2].map { statements.traceID(at: $0) } == [nil, nil, 4])
    }
}
