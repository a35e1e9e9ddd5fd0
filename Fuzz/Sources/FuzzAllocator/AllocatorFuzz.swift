import FuzzSupport
@_spi(Testing) import PoolAllocator

/// The allocator target: the input decodes to a pool and a stream of operations, applied to
/// `MemoryPool` (its invariants checked after every mutation) and to `ReferenceModel`. Any
/// difference — an offset, an error, the stats, the figures, the regions, the blocks, a defragment's
/// mapping, a lookup — stops the fuzzer.
///
/// The input, byte by byte (see `AllocatorProgram` for each operation's arguments):
/// ```
/// pool size choice, policy, then operations until the input ends (at most 2,000)
/// ```
/// The policy byte picks the pool's `FitPolicy` (first, next, best, worst fit); an operation
/// switches it mid-stream, and the rover (next fit's starting point) is compared too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAllocator(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzCheck(MemoryPool.checksInvariants, "build with -DPOOL_INTERNAL_CHECKS (Fuzz/run does)")
    var input = FuzzInput(data, size)
    AllocatorProgram.run(&input)
    return 0
}

/// One run of the allocator target.
struct AllocatorProgram {
    /// The pool and its model, mutated in step.
    struct Pair {
        var pool: MemoryPool
        var model: ReferenceModel
    }

    var input: FuzzInput
    var current: Pair
    /// Snapshots: copies of `current` kept while it goes on changing (undo, time travel).
    var saved: [Pair?] = [nil, nil, nil, nil]
    /// Offsets freed lately: candidates for double frees.
    var freed: [Int] = []
    var step = 0

    static let maximumOperations = 2_000
    /// Bursts stop adding blocks beyond this many live ones, so the model's O(n²) stays quick.
    static let maximumBlocks = 3_000

    /// Pool sizes: tiny, round, odd, huge; the last choice reads any 64-bit value (≤ 0 must be refused).
    static let poolSizes = [
        1, 2, 3, 7, 8, 64, 100, 255, 256, 1000, 4096, 65_536, 1 << 20, (5 << 30) + 7, 1 << 40, Int.max,
    ]

    static func run(_ input: inout FuzzInput) {
        let choice = input.below(poolSizes.count + 1)
        let total = choice < poolSizes.count ? poolSizes[choice] : input.int64()
        let policy = drawPolicy(&input)
        let pool: MemoryPool
        do {
            pool = try MemoryPool(totalSize: total, policy: policy)
        } catch {
            fuzzCheck(total <= 0 && error == .invalidPoolSize(total), "MemoryPool(totalSize: \(total)) threw \(error)")
            return
        }
        fuzzCheck(total > 0, "MemoryPool(totalSize: \(total)) did not throw")
        var program = AllocatorProgram(
            input: input, current: Pair(pool: pool, model: ReferenceModel(total: total, policy: policy)))
        program.compareState("the new pool")
        while !program.input.isAtEnd, program.step < maximumOperations {
            program.step += 1
            program.perform()
        }
        compare(program.current, program.note("at the end"))
        for (slot, pair) in program.saved.enumerated() {
            if let pair { compare(pair, "snapshot \(slot) at the end") }
        }
        input = program.input
    }

    var total: Int { current.model.total }

    // MARK: Operations

    mutating func perform() {
        let code = input.below(26)
        switch code {
        case 0...4:
            let size = drawSize()
            compareAllocation("alloc(\(size))") {
                try $0.alloc(size)
            } model: {
                try $0.alloc(size)
            }
        case 5...9:
            let size = drawSize(), alignment = drawAlignment()
            compareAllocation("allocAligned(\(size), alignment: \(alignment))") {
                try $0.allocAligned(size, alignment: alignment)
            } model: {
                try $0.allocAligned(size, alignment: alignment)
            }
        case 10...14:
            compareFree(drawFreeOffset())
        case 15:
            let moved = current.pool.defragment()
            let expected = current.model.defragment()
            fuzzCheck(moved == expected, note("defragment moved \(sorted(moved)), the model \(sorted(expected))"))
            freed.removeAll()
        case 16, 17:
            compareQueries(at: drawQueryOffset())
        case 18:
            saved[input.below(saved.count)] = current
        case 19:
            // Go back to a snapshot; the state left becomes the snapshot (both live on).
            let slot = input.below(saved.count)
            if let pair = saved[slot] {
                Self.compare(pair, note("snapshot \(slot) before it is restored"))
                saved[slot] = current
                current = pair
                freed.removeAll()
            }
        case 20:
            // Switch policy: the next allocation follows it; nothing else changes (the rover stays).
            let policy = Self.drawPolicy(&input)
            current.pool.policy = policy
            current.model.policy = policy
        case 21:
            burst()
        case 22:
            freeEvery()
        case 24, 25:
            comparePlacement()
        default:
            // A snapshot mutated right away: both copies must go their own ways.
            var copy = current
            let size = drawSize()
            compareAllocation("alloc(\(size)) on a fresh copy") {
                try $0.alloc(size)
            } model: {
                try $0.alloc(size)
            }
            if let slot = saved.indices.first(where: { saved[$0] == nil }) { saved[slot] = copy }
            if let block = copy.model.blocks.first {
                try? copy.pool.free(block.offset)
                try? copy.model.free(block.offset)
                Self.compare(copy, note("a copy after freeing its first block"))
            }
        }
        compareState(note("after the operation"))
    }

    /// Up to 64 allocations of one size: trees with many leaves and inner nodes, quickly.
    mutating func burst() {
        let count = 1 + input.below(64)
        let size = drawSize()
        let alignment = input.bool() ? drawAlignment() : 1
        for _ in 0..<count where current.model.blocks.count < Self.maximumBlocks {
            let offset = compareAllocation("burst allocAligned(\(size), alignment: \(alignment))", checkState: false) {
                try $0.allocAligned(size, alignment: alignment)
            } model: {
                try $0.allocAligned(size, alignment: alignment)
            }
            if offset == nil { break }
        }
    }

    /// Frees every k-th live block from a start: holes all over the tree.
    mutating func freeEvery() {
        let stride = 1 + input.below(8)
        let start = input.below(8)
        let offsets = current.model.blocks.map(\.offset)
        for index in Swift.stride(from: start, to: offsets.count, by: stride) {
            compareFree(offsets[index], checkState: false)
        }
    }

    // MARK: Decoding arguments

    static func drawPolicy(_ input: inout FuzzInput) -> FitPolicy {
        FitPolicy.allCases[input.below(FitPolicy.allCases.count)]
    }

    /// A size: small, a fraction of the pool, an exact free gap (±1), hostile, or any 64 bits.
    mutating func drawSize() -> Int {
        switch input.below(8) {
        case 0: return 1 + input.below(16)
        case 1: return 1 + Int(input.byte())
        case 2: return 1 + input.uint16() % max(1, total / 8)
        case 3: return total / (1 + input.below(16))
        case 4:
            let stats = current.model.stats
            return input.pick([
                0, -1, Int.min, Int.max, Int.max - 1, total, total &+ 1, total - 1, stats.largestFree,
                stats.largestFree &+ 1, stats.free, 1 << 62,
            ])
        case 5: return input.int64()
        case 6: return 1 << input.below(63)
        default:
            let gaps = current.model.freeGaps
            guard !gaps.isEmpty else { return 1 }
            return input.pick(gaps).count &+ (input.below(3) - 1)  // may wrap past Int.max: hostile too
        }
    }

    /// An alignment: 1, powers of two up to 2⁶², GPU sizes, odd ones, hostile, or any 64 bits.
    mutating func drawAlignment() -> Int {
        switch input.below(8) {
        case 0: return 1
        case 1, 2: return 1 << input.below(63)
        case 3: return input.pick([3, 5, 6, 7, 12, 24, 48, 100, 1000, 4095, 65_537])
        case 4:
            return input.pick([
                0, -1, Int.min, Int.max, Int.max / 2, Int.max / 2 + 1, total, total &+ 1, total - 1, 1 << 62,
            ])
        case 5: return input.int64()
        case 6: return 1 + Int(input.byte())
        default: return input.pick([256, 512, 4096, 1 << 20])
        }
    }

    /// What to free: a live block, a freed one, inside a block or its padding, a block's end,
    /// free space, outside the pool, or any 64 bits.
    mutating func drawFreeOffset() -> Int {
        let blocks = current.model.blocks
        let kind = input.below(8)
        if blocks.isEmpty, kind < 3 { return input.pick([0, -1, total]) }
        switch kind {
        case 0, 1: return blocks[input.below(blocks.count)].offset
        case 2:
            let block = blocks[input.below(blocks.count)]
            return input.pick([
                block.offset + 1, block.end - 1, block.end, block.start, block.offset - 1,
                block.start + block.padding / 2,
            ])
        case 3: return freed.isEmpty ? 0 : input.pick(freed)
        case 4:
            let gaps = current.model.freeGaps
            guard !gaps.isEmpty else { return 0 }
            let gap = input.pick(gaps)
            return input.bool() ? gap.lowerBound : gap.upperBound - 1
        case 5: return input.pick([-1, total, total &+ 1, Int.max, Int.min, -total])
        case 6: return input.int64()
        default: return input.uint16() % max(1, total)
        }
    }

    /// A byte to look up: near a block, in a gap, at the pool's edges, or anywhere.
    mutating func drawQueryOffset() -> Int {
        switch input.below(4) {
        case 0: return drawFreeOffset()
        case 1: return input.pick([0, -1, total - 1, total, Int.min, Int.max])
        case 2: return input.int64()
        default: return input.uint16() % max(1, total)
        }
    }

    // MARK: Comparing

    @discardableResult
    mutating func compareAllocation(
        _ name: @autoclosure () -> String, checkState: Bool = true, pool: (inout MemoryPool) throws -> Int?,
        model: (inout ReferenceModel) throws -> Int?
    ) -> Int? {
        let actual = Self.outcome { try pool(&current.pool) }
        let expected = Self.outcome { try model(&current.model) }
        fuzzCheck(actual == expected, note("\(name()) gave \(actual), the model \(expected)"))
        if checkState { compareState(note("after \(name())")) }
        return try? actual.get()
    }

    mutating func compareFree(_ offset: Int, checkState: Bool = true) {
        let actual = Self.outcome { try current.pool.free(offset) }
        let expected = Self.outcome { try current.model.free(offset) }
        fuzzCheck(
            actual.error == expected.error,
            note(
                "free(\(offset)) gave \(String(describing: actual.error)), the model \(String(describing: expected.error))"
            ))
        if expected.error == nil {
            freed.append(offset)
            if freed.count > 16 { freed.removeFirst() }
        }
        if checkState { compareState(note("after free(\(offset))")) }
    }

    /// `place(_:at:)`: a range inside a free gap (at its start, its end or within), one that
    /// reaches a byte too far, or a drawn offset and size (blocks, padding, hostile values).
    mutating func comparePlacement() {
        let gaps = current.model.freeGaps
        var offset: Int
        var size: Int
        if !gaps.isEmpty, input.below(4) != 0 {
            let gap = input.pick(gaps)
            offset = gap.lowerBound + input.pick([0, input.below(gap.count), gap.count - 1])
            let room = gap.upperBound - offset
            size = input.pick([room, 1 + input.below(room), room &+ 1, 1 + input.below(max(1, room / 8))])
        } else {
            offset = drawFreeOffset()
            size = drawSize()
        }
        let actual = Self.outcome { try current.pool.place(size, at: offset) }
        let expected = Self.outcome { try current.model.place(size, at: offset) }
        fuzzCheck(
            actual.error == expected.error,
            note(
                "place(\(size), at: \(offset)) gave \(String(describing: actual.error)), "
                    + "the model \(String(describing: expected.error))"))
    }

    func compareQueries(at offset: Int) {
        let pool = current.pool, model = current.model
        fuzzCheck(pool.block(at: offset) == model.block(at: offset), note("block(at: \(offset))"))
        fuzzCheck(
            pool.block(containing: offset) == model.block(containing: offset), note("block(containing: \(offset))"))
        fuzzCheck(pool.block(after: offset) == model.block(after: offset), note("block(after: \(offset))"))
        fuzzCheck(pool.block(before: offset) == model.block(before: offset), note("block(before: \(offset))"))
        fuzzCheck(pool.firstBlock == model.blocks.first, note("firstBlock"))
        fuzzCheck(pool.lastBlock == model.blocks.last, note("lastBlock"))
        let length = [0, 1, 2, 7, 64, 4096, total / 3, Int.max][Int(UInt(bitPattern: offset) % 8)]
        let (end, overflow) = offset.addingReportingOverflow(length)
        let range = offset..<(overflow ? Int.max : end)
        fuzzCheck(pool.usage(in: range) == model.usage(in: range), note("usage(in: \(range))"))
        if range.count <= 1 << 16 || model.blocks.count < 64 {
            fuzzCheck(pool.regions(in: range) == model.regions(in: range), note("regions(in: \(range))"))
        }
    }

    /// Stats, regions and blocks of the current pool against its model: after every operation
    /// while the pool holds up to 256 blocks, beyond that the stats after every operation and
    /// everything after every 16th (and at the end), so large trees stay affordable.
    func compareState(_ context: @autoclosure () -> String) {
        if current.model.blocks.count <= 256 || step % 16 == 0 {
            Self.compare(current, context())
        } else {
            Self.compareStats(current, context())
        }
    }

    static func compare(_ pair: Pair, _ context: @autoclosure () -> String) {
        compareStats(pair, context())
        fuzzCheck(pair.pool.regions == pair.model.regions, "\(context()): regions differ from the model's")
        fuzzCheck(pair.pool.blocks == pair.model.blocks, "\(context()): blocks differ from the model's")
    }

    static func compareStats(_ pair: Pair, _ context: @autoclosure () -> String) {
        let actual = pair.pool.stats, expected = pair.model.stats
        var a = actual, e = expected
        a.fragmentation = 0
        e.fragmentation = 0
        fuzzCheck(
            a == e && abs(actual.fragmentation - expected.fragmentation) <= 1e-12,
            "\(context()): stats \(actual), the model \(expected)")
        fuzzCheck(
            pair.pool.policy == pair.model.policy && pair.pool.rover == pair.model.rover,
            "\(context()): policy \(pair.pool.policy), rover \(pair.pool.rover); the model \(pair.model.policy), "
                + "rover \(pair.model.rover)")
        fuzzCheck(
            pair.pool.figures == pair.model.figures,
            "\(context()): figures \(pair.pool.figures), the model \(pair.model.figures)")
    }

    /// What `body` returned or the `PoolError` it threw.
    static func outcome<T>(_ body: () throws -> T) -> Result<T, PoolError> {
        do {
            return .success(try body())
        } catch let error as PoolError {
            return .failure(error)
        } catch {
            fuzzFailure("not a PoolError: \(error)")
        }
    }

    func note(_ text: String) -> String {
        "operation \(step) on a pool of \(total), \(current.model.policy) fit: \(text)"
    }

    func sorted(_ moves: [Int: Int]) -> [(Int, Int)] {
        moves.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

extension Result {
    var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

@_cdecl("FuzzAllocator_main")
public func fuzzAllocatorMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzAllocator)
}
