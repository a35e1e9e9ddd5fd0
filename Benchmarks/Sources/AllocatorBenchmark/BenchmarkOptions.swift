import PoolAllocator

/// Command-line options:
/// `[--quick] [--sizes 1000,10000] [--policies first,best] [--runs k] [--naive-ops-1m k] [--skip-naive]`.
struct BenchmarkOptions {
    var sizes = [1_000, 10_000, 100_000, 1_000_000]
    /// The pool's policies to time, each on the same op stream; first fit alone by default.
    var policies: [FitPolicy] = [.first]
    /// Runs per size when not overridden: 5 up to 100k, 3 at 1M (1 each with `--quick`).
    var runsOverride: Int?
    var quick = false
    /// Churn ops the naive baseline replays at N = 1M (it is O(free blocks) per op).
    var naiveOpsAtOneMillion = 100_000
    /// Leaves the naive baseline out (it takes most of the time): for profiling the pool.
    var skipNaive = false

    init(arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick":
                quick = true
                sizes = [1_000, 10_000]
            case "--sizes":
                guard let list = rest.popFirst() else { throw UsageError("--sizes needs a list, e.g. 1000,10000") }
                sizes = try list.split(separator: ",").map { text throws(UsageError) in
                    guard let n = Int(text), ChurnWorkload.expectedHashes[n] != nil else {
                        throw UsageError("--sizes takes 1000, 10000, 100000, 1000000; got \(text)")
                    }
                    return n
                }
            case "--policies":
                guard let list = rest.popFirst() else { throw UsageError("--policies needs a list, e.g. first,best") }
                policies =
                    list == "all"
                    ? FitPolicy.allCases
                    : try list.split(separator: ",").map { text throws(UsageError) in
                        guard let policy = FitPolicy(rawValue: String(text)) else {
                            throw UsageError("--policies takes first, next, best, worst or all; got \(text)")
                        }
                        return policy
                    }
            case "--runs":
                guard let text = rest.popFirst(), let runs = Int(text), runs > 0 else {
                    throw UsageError("--runs needs a positive count")
                }
                runsOverride = runs
            case "--naive-ops-1m":
                guard let text = rest.popFirst(), let ops = Int(text), ops > 0, ops <= ChurnWorkload.churnOpCount else {
                    throw UsageError("--naive-ops-1m needs a count from 1 to \(ChurnWorkload.churnOpCount)")
                }
                naiveOpsAtOneMillion = ops
            case "--skip-naive":
                skipNaive = true
            case "--help", "-h":
                throw UsageError(nil)
            default:
                throw UsageError("unknown argument \(argument)")
            }
        }
    }

    func runs(for n: Int) -> Int {
        if let runsOverride { return runsOverride }
        if quick { return 1 }
        return n >= 1_000_000 ? 3 : 5
    }

    func naiveRuns(for n: Int) -> Int {
        if skipNaive { return 0 }
        if let runsOverride { return runsOverride }
        if quick { return 1 }
        return n >= 100_000 ? 3 : 5
    }

    func naiveOps(for n: Int) -> Int { n >= 1_000_000 ? naiveOpsAtOneMillion : ChurnWorkload.churnOpCount }

    static let usage = """
        usage: AllocatorBenchmark [--quick] [--sizes 1000,10000,100000,1000000] [--policies first,next,best,worst|all]
                                  [--runs k] [--naive-ops-1m k] [--skip-naive]
          Replays the churn workload (docs/benchmarks.md) against MemoryPool, a naive
          sorted-array first fit and malloc/free, in release builds:
          cd Benchmarks && swift run -c release AllocatorBenchmark
          --quick        N = 1k and 10k, one run each
          --policies     the pool's policies to time (default: first); the offsets hash is checked
                         for first fit only, the others' are printed for information
          --skip-naive   leave the naive baseline out (profiling the pool)
        """
}

struct UsageError: Error {
    var message: String?
    init(_ message: String?) { self.message = message }
}
