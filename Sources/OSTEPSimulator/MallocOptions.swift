/// malloc.py's flags, with its defaults. Numbers are as read (bounded to `|v| < 2^63`);
/// `policy` and `listOrder` are the words given, checked only when the heap is built, as
/// malloc.py does.
public struct MallocOptions: Sendable, Equatable {
    /// `-s/--seed`: the random seed.
    public var seed = 0
    /// `-S/--size`: the heap's size.
    public var heapSize = 100
    /// `-b/--baseAddr`: the heap's first address.
    public var baseAddress = 1000
    /// `-H/--headerSize`: the bytes of header in front of every block.
    public var headerSize = 0
    /// `-a/--alignment`: requests are rounded up to a multiple of this; −1 for none.
    public var alignment = -1
    /// `-p/--policy`: BEST, WORST or FIRST.
    public var policy = "BEST"
    /// `-l/--listOrder`: ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT or INSERT-BACK.
    public var listOrder = "ADDRSORT"
    /// `-C/--coalesce`: coalesce the free list after every free.
    public var coalesce = false
    /// `-n/--numOps`: the number of random operations.
    public var operationCount = 10
    /// `-r/--range`: the largest random request.
    public var sizeRange = 10
    /// `-P/--percentAlloc`: the percentage of random operations that allocate.
    public var percentAlloc = 50
    /// `-A/--allocList`: the operations (`+10,-0,…`) instead of random ones; empty for random.
    public var allocList = ""
    /// `-c/--compute`: print the answers instead of `?`.
    public var compute = false

    /// The defaults.
    public init() {}

    /// The 13 lines malloc.py prints first, and the blank line after them.
    public var header: String {
        func python(_ flag: Bool) -> String { flag ? "True" : "False" }
        return """
            seed \(seed)
            size \(heapSize)
            baseAddr \(baseAddress)
            headerSize \(headerSize)
            alignment \(alignment)
            policy \(policy)
            listOrder \(listOrder)
            coalesce \(python(coalesce))
            numOps \(operationCount)
            range \(sizeRange)
            percentAlloc \(percentAlloc)
            allocList \(allocList)
            compute \(python(compute))


            """
    }
}
