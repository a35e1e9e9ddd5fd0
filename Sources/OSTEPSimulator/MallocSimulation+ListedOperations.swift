import PoolAllocator

extension MallocSimulation {
    /// malloc.py with `-A`: the comma-separated operations, `+N` to allocate N bytes and `-K` to
    /// free `ptr[K]`. An allocation prints its header's start. `-K` is skipped as
    /// `Invalid Free: Skipping` (no list, no blank line) when K is at least the number of
    /// **successful** allocations so far, even if `ptr[K]` exists; a second free of a pointer
    /// returns −1. Where malloc.py fails (an empty or malformed operation, a free of a failed
    /// allocation's pointer, a zero-size block at an allocated address) the run stops with
    /// what it printed so far.
    mutating func runListedOperations() throws(MallocFailure) {
        // The address of each successful allocation, by index; never removed, as in malloc.py.
        var pointers: [Int: Int] = [:]
        var nextIndex = 0
        // Split by code point, as Python does (a comma with a combining mark still splits).
        for scalars in options.allocList.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false) {
            let operation = String(scalars)
            switch operation.unicodeScalars.first {
            case "+":
                let requested = try Self.requestedSize(in: operation)
                writeScriptLine("ptr\(nextIndex) = alloc \(requested)")
                let allocation: FreeListHeap.Allocation
                do {
                    allocation = try heap.malloc(requested)
                } catch {
                    throw .operation(
                        "'\(operation)': a zero-size block would share address \(error.address) with another block (malloc.py's assertion)"
                    )
                }
                answerLastScriptLine(allocation)
                if let address = allocation.address, address != Self.failedAddress { pointers[nextIndex] = address }
                output += "ptr[\(nextIndex)] = Alloc(\(requested))"
                if options.compute {
                    output += " returned \(allocation.address ?? -1) (searched \(allocation.searched) elements)\n"
                } else {
                    output += " returned ?\n"
                }
                nextIndex += 1
            case "-":
                let index = try Self.freedIndex(in: operation)
                guard let index, index < pointers.count else {
                    output += "Invalid Free: Skipping\n"
                    // Python's int reads "-3\n" as 3: the comment keeps its newline escaped, on one line.
                    writeScriptLine("# \(operation.replacing("\n", with: "\\n")): Invalid Free: Skipping (malloc.py)")
                    continue
                }
                output += "Free(ptr[\(index)])\n"
                writeScriptLine("free ptr\(index)")
                guard let address = pointers[index] else {
                    throw .operation("'\(operation)': ptr[\(index)] is a failed allocation (malloc.py's KeyError)")
                }
                printFreeResult(heap.free(address))
            case nil:
                throw .operation("-A/--allocList: an empty operation (malloc.py's IndexError)")
            default:
                throw .operation("-A/--allocList: '\(operation)' is neither +Size nor -Index")
            }
            printList(placeholder: "List?")
        }
    }

    /// The text malloc.py reads a number from: after the sign, up to the next `sign` (its
    /// `op.split(sign)[1]`).
    private static func field(of operation: String, after sign: Unicode.Scalar) -> String {
        String(operation.unicodeScalars.dropFirst().prefix { $0 != sign })
    }

    /// The size of `+N`, read as Python's `int` reads it.
    private static func requestedSize(in operation: String) throws(MallocFailure) -> Int {
        switch PythonInteger(parsing: field(of: operation, after: "+"), radix: 10) {
        case .value(let size) where size >= 0:
            return size
        case .value(let size):
            throw .refusal("'\(operation)': a negative size (\(size)) makes malloc.py's heap meaningless")
        case .tooLarge:
            throw .refusal("'\(operation)': the size is too large (poolmap reads |v| < 2^63)")
        case .invalid:
            throw .operation("'\(operation)': the size is not a number (malloc.py's ValueError)")
        }
    }

    /// The index of `-K`, read as Python's `int` reads it; `nil` when it is beyond `Int` (and so
    /// beyond every index: an invalid free). Never negative, for the text holds no `-`.
    private static func freedIndex(in operation: String) throws(MallocFailure) -> Int? {
        switch PythonInteger(parsing: field(of: operation, after: "-"), radix: 10) {
        case .value(let index): return index
        case .tooLarge: return nil
        case .invalid: throw .operation("'\(operation)': the index is not a number (malloc.py's ValueError)")
        }
    }
}
