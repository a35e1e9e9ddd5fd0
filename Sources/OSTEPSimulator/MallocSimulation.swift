import PoolAllocator

/// `poolmap ostep`: OSTEP's free-space simulator (`malloc.py`), byte for byte. It builds a
/// `FreeListHeap` from the flags, prints malloc.py's header, then runs the operations — drawn
/// from CPython's random numbers (`PythonRandom`) or listed with `-A` — printing each as
/// malloc.py does, with the answers under `-c` and `?` without. docs/ostep.md describes the
/// command; docs/semantics.md the model and the quirks kept.
public struct MallocSimulation: Sendable {
    /// What a run printed and how it ended.
    public struct Outcome: Sendable, Equatable {
        /// Standard output: everything malloc.py prints, up to a failure.
        public var output: String
        /// Why the run stopped early (one line for standard error), if it did.
        public var failure: MallocFailure?
        /// The run as a `.pool` script (`poolmap ostep --script`): a `heap` statement with the
        /// flags' heap, then each operation as `ptrK = alloc N` or `free ptrK`; empty when the
        /// flags were refused before the heap was made.
        public var script: String = ""
        /// malloc.py's answer to each allocation of `script`, by its 1-based line there (the
        /// `heap` statement is line 1): the block's address — its header's start, as a heap
        /// scene reports it — or `nil` where malloc.py returns −1, and the elements searched.
        /// An allocation malloc.py failed on (a zero-size block's assertion) has none.
        package var answers: [Int: FreeListHeap.Allocation] = [:]
        /// Whether `-c` asked for the answers (and `--script` fills them in).
        package var computes = false

        /// The exit status: 0, or the failure's.
        public var exitStatus: Int32 { failure?.exitStatus ?? 0 }
    }

    /// malloc.py's "no block" address. A block placed at −1 (a heap below address 0) is taken
    /// for a failure too: it stays allocated but gets no pointer, so it is never freed.
    static let failedAddress = -1

    let options: MallocOptions
    var heap: FreeListHeap
    var output = ""
    /// The operations so far as script lines (`MallocSimulation+Script.swift`).
    var script = ""
    /// How many lines `script` has.
    var scriptLineCount = 0
    /// The answers to the script's allocations so far, by line.
    var answers: [Int: FreeListHeap.Allocation] = [:]

    /// Reads `arguments` as malloc.py's flags and runs them.
    /// - Returns: `nil` when they ask for help (`-h`, `--help`), else the outcome.
    /// - Complexity: O(operations × free-list length), as malloc.py.
    public static func run(arguments: [String]) -> Outcome? {
        do {
            switch try MallocOptionReader.read(arguments) {
            case .help: return nil
            case .run(let options): return run(options)
            }
        } catch {
            return Outcome(output: "", failure: error)
        }
    }

    /// Runs `options`: the header, then the operations.
    /// - Complexity: O(operations × free-list length), as malloc.py.
    public static func run(_ options: MallocOptions) -> Outcome {
        let heap: FreeListHeap
        do {
            heap = try makeHeap(options)
        } catch {
            return Outcome(output: "", failure: error)
        }
        var simulation = MallocSimulation(options: options, heap: heap)
        simulation.output = options.header
        simulation.writeScriptLine(simulation.scriptHeader)
        var failure: MallocFailure?
        do {
            try simulation.runOperations()
        } catch {
            failure = error
        }
        return Outcome(
            output: simulation.output, failure: failure, script: simulation.script, answers: simulation.answers,
            computes: options.compute)
    }

    /// The heap the flags describe, refused as malloc.py's constructor refuses it (policy, then
    /// list order, then alignment), and where poolmap cannot represent it.
    static func makeHeap(_ options: MallocOptions) throws(MallocFailure) -> FreeListHeap {
        guard let policy = FreeListHeap.SearchPolicy(rawValue: options.policy) else {
            throw .flag("-p/--policy: '\(options.policy)' is not BEST, WORST or FIRST")
        }
        guard let order = FreeListHeap.ListOrder(rawValue: options.listOrder) else {
            throw .flag(
                "-l/--listOrder: '\(options.listOrder)' is not ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT or INSERT-BACK"
            )
        }
        guard options.alignment == -1 || options.alignment > 0 else {
            throw .flag("-a/--alignment: \(options.alignment) is neither -1 (none) nor above 0")
        }
        guard options.heapSize >= 0 else {
            throw .refusal("-S/--size: \(options.heapSize) is negative (malloc.py's heap would be meaningless)")
        }
        guard options.headerSize >= 0 else {
            throw .refusal(
                "-H/--headerSize: \(options.headerSize) is negative (malloc.py's blocks would be meaningless)")
        }
        let (end, overflow) = options.baseAddress.addingReportingOverflow(options.heapSize)
        guard !overflow, !end.addingReportingOverflow(options.headerSize).overflow else {
            throw .refusal("-b/--baseAddr + -S/--size + -H/--headerSize must be below 2^63")
        }
        return FreeListHeap(
            baseAddress: options.baseAddress, size: options.heapSize, headerSize: options.headerSize,
            sizeMultiple: options.alignment == -1 ? nil : options.alignment, policy: policy, order: order,
            coalesces: options.coalesce)
    }

    /// After the header: malloc.py's check of `-P`, then the operations.
    mutating func runOperations() throws(MallocFailure) {
        guard options.percentAlloc > 0 else {
            throw .flag("-P/--percentAlloc: \(options.percentAlloc) is not above 0")
        }
        if options.allocList.isEmpty {
            guard options.sizeRange >= 0 else {
                throw .refusal(
                    "-r/--range: \(options.sizeRange) is negative, so it can draw negative sizes (meaningless in malloc.py)"
                )
            }
            runRandomOperations()
        } else {
            try runListedOperations()
        }
    }

    /// Appends malloc.py's dump of the free list (`-c`) or its placeholder, then a blank line.
    mutating func printList(placeholder: String) {
        if options.compute {
            output += "Free List [ Size \(heap.freeList.count) ]: "
            for element in heap.freeList {
                output += "[ addr:\(element.address) sz:\(element.size) ]"
            }
            output += "\n"
        } else {
            output += placeholder + "\n"
        }
        output += "\n"
    }

    /// Appends a free's result line.
    mutating func printFreeResult(_ freed: Bool) {
        output += options.compute ? "returned \(freed ? 0 : -1)\n" : "returned ?\n"
    }
}
