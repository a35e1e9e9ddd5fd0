import PoolAllocator
import TestSupport
import Testing

/// Everything observable about a pool, so "state unchanged" is one comparison.
struct PoolSnapshot: Equatable, CustomStringConvertible {
    var stats: PoolStats
    var regions: [Region]
    var blocks: [Block]
    var policy: FitPolicy
    var rover: Int
    var figures: PoolFigures

    init(_ pool: MemoryPool) {
        stats = pool.stats
        regions = pool.regions
        blocks = pool.blocks
        policy = pool.policy
        rover = pool.rover
        figures = pool.figures
    }

    init(_ model: ReferenceModel) {
        stats = model.stats
        regions = model.regions
        blocks = model.blocks
        policy = model.policy
        rover = model.rover
        figures = model.figures
    }

    /// Equal, with `fragmentation` compared to within rounding: it is a quotient, and an
    /// implementation may compute it in another (equally right) order.
    func matches(_ other: PoolSnapshot) -> Bool {
        var lhs = self, rhs = other
        guard abs(lhs.stats.fragmentation - rhs.stats.fragmentation) <= 1e-12 else { return false }
        lhs.stats.fragmentation = 0
        rhs.stats.fragmentation = 0
        return lhs == rhs
    }

    var description: String {
        let layout = regions.map { "\($0.kind) \($0.offset)..<\($0.end)" }.joined(separator: ", ")
        return "\(policy) fit, rover \(rover), \(stats), \(figures) [\(layout)]"
    }
}

/// Asserts that the pool shows exactly the model's blocks, regions and stats.
/// - Returns: whether they agree.
@discardableResult
func expectMatchesModel(
    _ pool: MemoryPool, _ model: ReferenceModel, _ comment: Comment,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    let actual = PoolSnapshot(pool), expected = PoolSnapshot(model)
    let agree = actual.matches(expected)
    #expect(agree, "\(comment)\npool:  \(actual)\nmodel: \(expected)", sourceLocation: sourceLocation)
    return agree
}

/// Runs `operation`, asserts it throws exactly `expected`, and that the pool did not change.
func expectRefused(
    _ expected: PoolError, on pool: inout MemoryPool,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ operation: (inout MemoryPool) throws -> Void
) {
    let before = PoolSnapshot(pool)
    #expect(throws: expected, sourceLocation: sourceLocation) { try operation(&pool) }
    #expect(
        PoolSnapshot(pool) == before, "state changed by a refused operation",
        sourceLocation: sourceLocation)
}

/// A pool of `total` bytes after `alloc(size)` for each size in turn, with the offsets returned.
func makePool(total: Int, sizes: [Int], policy: FitPolicy = .first) throws -> (pool: MemoryPool, offsets: [Int]) {
    var pool = try MemoryPool(totalSize: total, policy: policy)
    var offsets: [Int] = []
    for size in sizes {
        let offset = try #require(try pool.alloc(size))
        offsets.append(offset)
    }
    return (pool, offsets)
}

extension Region {
    /// Shorthand for expected layouts: `.used(0, 100)` is `used 0..<100`.
    static func used(_ start: Int, _ end: Int) -> Region { Region(offset: start, size: end - start, kind: .used) }
    static func free(_ start: Int, _ end: Int) -> Region { Region(offset: start, size: end - start, kind: .free) }
    static func padding(_ start: Int, _ end: Int) -> Region {
        Region(offset: start, size: end - start, kind: .padding)
    }
}
