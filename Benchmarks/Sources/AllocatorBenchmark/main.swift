// The allocator benchmark: replays the churn workload of `docs/benchmarks.md`
// against MemoryPool, the naive sorted-array first fit and the system allocator, in one
// process on one pre-generated op sequence. Run from `Benchmarks/`:
//     swift run -c release AllocatorBenchmark [--quick]
// Exits non-zero when a hash does not match the workload document.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let options: BenchmarkOptions
do {
    options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    if let message = error.message { print("error: \(message)") }
    print(BenchmarkOptions.usage)
    exit(error.message == nil ? 0 : 2)
}

#if DEBUG
print("warning: a debug build; figures mean nothing. Use `swift run -c release AllocatorBenchmark`.")
#endif

var results: [SizeResult] = []
for n in options.sizes {
    results.append(benchmark(n: n, options: options))
}
printTargets(results)
printTable(results, options: options)

let mismatches = results.filter { !$0.hashesOK }.map { Format.count($0.n) }
if !mismatches.isEmpty {
    print(
        "\nHASH MISMATCH at N = \(mismatches.joined(separator: ", ")): not the workload's sequence or "
            + "not exact first fit"
    )
    exit(1)
}
