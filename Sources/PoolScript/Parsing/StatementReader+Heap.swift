import PoolAllocator

extension StatementReader {
    /// `heap SIZE [base B] [header H] [round R] [policy P] [order O] [coalesce]`, the words
    /// after the size in any order, each at most once; malloc.py's defaults for those left out.
    mutating func heap(after keyword: ScriptToken) -> HeapSpec? {
        let size = self.size(after: keyword, what: .poolSize, example: "heap 100")
        var spec = HeapSpec(size: size ?? 1)
        var ok = size != nil
        var seen: Set<String> = []
        while let token = peek {
            guard let word = token.word?.lowercased(), Self.heapWords.contains(word) else { break }
            take()
            if !seen.insert(word).inserted {
                fail(token.column, "'\(word)' is given twice in one heap statement")
                ok = false
            }
            guard word != "coalesce" else {
                spec.coalesces = true
                continue
            }
            guard let value = take() else {
                fail(token.endColumn, "'\(word)' needs a value, e.g. \(Self.heapExample(word))")
                ok = false
                break
            }
            switch word {
            case "base":
                if let base = number(value, what: .offset) { spec.baseAddress = base } else { ok = false }
            case "header":
                if let header = number(value, what: .offset) { spec.headerSize = header } else { ok = false }
            case "round":
                if let multiple = number(value, what: .size) { spec.sizeMultiple = multiple } else { ok = false }
            case "policy":
                if let policy = heapPolicy(value) { spec.policy = policy } else { ok = false }
            default:
                if let order = listOrder(value) { spec.order = order } else { ok = false }
            }
        }
        guard ok else { return nil }
        guard !spec.baseAddress.addingReportingOverflow(spec.size).overflow else {
            fail(keyword.column, "the heap's base plus its size is beyond \(Int.max)")
            return nil
        }
        return spec
    }

    /// The words a `heap` statement takes after its size.
    static let heapWords: Set<String> = ["base", "header", "round", "policy", "order", "coalesce"]

    static func heapExample(_ word: String) -> String {
        switch word {
        case "base": return "base 1000"
        case "header": return "header 4"
        case "round": return "round 4"
        case "policy": return "policy best"
        default: return "order sizesort+"
        }
    }

    /// malloc.py's search: `best`, `worst`, `first` (any case); `next` is refused, malloc.py has none.
    mutating func heapPolicy(_ token: ScriptToken) -> FreeListHeap.SearchPolicy? {
        let word = token.spelling
        if let policy = FreeListHeap.SearchPolicy(rawValue: word.uppercased()) { return policy }
        if word.lowercased() == "next" {
            fail(token.column, "a heap has no next fit (malloc.py searches best, worst or first)")
        } else {
            fail(token.column, "unknown heap policy '\(word)'; expected best, worst or first")
        }
        return nil
    }

    /// malloc.py's list order: `addrsort`, `sizesort+`, `sizesort-`, `insert-front`, `insert-back` (any case).
    mutating func listOrder(_ token: ScriptToken) -> FreeListHeap.ListOrder? {
        if let order = FreeListHeap.ListOrder(rawValue: token.spelling.uppercased()) { return order }
        fail(
            token.column,
            "unknown list order '\(token.spelling)'; expected "
                + FreeListHeap.ListOrder.allCases.map(HeapSpec.name).joined(separator: ", "))
        return nil
    }
}
