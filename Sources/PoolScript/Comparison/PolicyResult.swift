import PoolAllocator

/// What one run of a script under one placement policy did, and how such runs rank. Both
/// comparisons read it: `poolmap compare` without a terminal (`Comparison`, in PoolReport) and
/// the comparison view (`CompareState`, in PoolApp), so they always agree on the order.
///
/// Ranking: fewest failed allocations, then the lowest high-water mark (the policy that needed
/// the least of the pool), then the lowest peak fragmentation (the highest figure after any
/// step), then the largest free block at the end, then the order asked for.
public struct PolicyResult: Equatable, Sendable {
    /// The policy the script ran under.
    public var policy: FitPolicy
    /// The pool's figures at the end.
    public var stats: PoolStats
    /// Allocations that failed.
    public var failedAllocations: Int
    /// The highest fragmentation after any step.
    public var peakFragmentation: Double
    /// The run's high-water mark, peak live bytes and their ratios (`RunnerState.figures`).
    public var figures: PoolFigures
    /// Runtime errors in the run.
    public var runtimeErrors: Int
    /// When list orders are compared (`compare --orders`), the heaps' list order of this run;
    /// nil when policies are.
    package var listOrder: FreeListHeap.ListOrder?

    /// What the ranking calls the run: `first fit`, or under `--orders` the list order, `sizesort+`.
    package var name: String { listOrder.map(HeapSpec.name) ?? "\(policy.rawValue) fit" }

    /// Creates the result of one run from its figures.
    public init(
        policy: FitPolicy, stats: PoolStats, failedAllocations: Int, peakFragmentation: Double, figures: PoolFigures,
        runtimeErrors: Int
    ) {
        self.policy = policy
        self.stats = stats
        self.failedAllocations = failedAllocations
        self.peakFragmentation = peakFragmentation
        self.figures = figures
        self.runtimeErrors = runtimeErrors
    }

    /// `results` best first (see the type's discussion); `order` is the order the policies were
    /// asked for, which breaks the last ties.
    /// - Complexity: O(n log n) for n results (n is at most four).
    public static func ranked(_ results: [PolicyResult], order: [FitPolicy]) -> [PolicyResult] {
        ranked(results) { order.firstIndex(of: $0.policy) ?? 0 }
    }

    /// `results` of runs under list orders (`compare --orders`) best first, as
    /// `ranked(_:order:)` ranks them; `orders`, the order they were asked for, breaks the last ties.
    package static func ranked(_ results: [PolicyResult], orders: [FreeListHeap.ListOrder]) -> [PolicyResult] {
        ranked(results) { result in result.listOrder.flatMap { orders.firstIndex(of: $0) } ?? 0 }
    }

    /// `results` by fewest failures, lowest high-water mark, lowest peak fragmentation, largest
    /// free block, then `asked` (the place in the order asked for).
    private static func ranked(_ results: [PolicyResult], asked: (PolicyResult) -> Int) -> [PolicyResult] {
        results.sorted { a, b in
            if a.failedAllocations != b.failedAllocations { return a.failedAllocations < b.failedAllocations }
            if a.figures.highWater != b.figures.highWater { return a.figures.highWater < b.figures.highWater }
            if a.peakFragmentation != b.peakFragmentation { return a.peakFragmentation < b.peakFragmentation }
            if a.stats.largestFree != b.stats.largestFree { return a.stats.largestFree > b.stats.largestFree }
            return asked(a) < asked(b)
        }
    }
}
