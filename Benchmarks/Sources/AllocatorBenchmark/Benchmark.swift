import PoolAllocator

/// Generates the workload for `n`, checks its hashes, and times every allocator on it.
func benchmark(n: Int, options: BenchmarkOptions) -> SizeResult {
    let workload = ChurnWorkload(n: n)
    let expected = ChurnWorkload.expectedHashes[n]
    print(
        "== N = \(Format.grouped(n)): pool \(Format.grouped(workload.poolSize)) B, "
            + "\(Format.grouped(ChurnWorkload.churnOpCount)) churn ops after \(Format.grouped(n)) fills")
    let opStreamOK = workload.opStreamHash == expected?.opStream
    print(
        "op stream hash  \(Format.hex(workload.opStreamHash))  "
            + (opStreamOK ? "OK" : "MISMATCH (expected \(expected.map { Format.hex($0.opStream) } ?? "?"))")
    )

    // One untimed pass hashes the pool's offsets and looks at it after the churn phase.
    var offsets = HashOffsets()
    var endStats: PoolStats?
    var bookkeeping = 0
    var endLive = 0
    _ = measure(
        workload, make: { PoolUnderTest(totalSize: workload.poolSize) }, observer: &offsets,
        inspect: { pool, live in
            endStats = pool.pool.stats
            bookkeeping = pool.pool.bookkeepingBytes
            endLive = live.count
        })
    let offsetsOK = offsets.hash.value == expected?.offsets && offsets.failures == 0
    print(
        "offsets hash    \(Format.hex(offsets.hash.value))  "
            + (offsetsOK ? "OK" : "MISMATCH (expected \(expected.map { Format.hex($0.offsets) } ?? "?"))")
            + (offsets.failures > 0 ? ", \(offsets.failures) allocations failed" : ""))

    // The same untimed pass for each other policy; their hashes are information only.
    var others: [PolicyResult] = []
    for policy in options.policies where policy != .first {
        var policyOffsets = HashOffsets()
        var other: PolicyResult?
        _ = measure(
            workload, make: { PoolUnderTest(totalSize: workload.poolSize, policy: policy) }, observer: &policyOffsets,
            inspect: { pool, live in
                other = PolicyResult(
                    policy: policy, offsetsHash: 0, failures: 0, endStats: pool.pool.stats, endLiveCount: live.count,
                    bookkeepingBytes: pool.pool.bookkeepingBytes)
            })
        other!.offsetsHash = policyOffsets.hash.value
        other!.failures = policyOffsets.failures
        print(
            "  \(Format.padded(policy.rawValue + " fit", 12))  \(Format.hex(other!.offsetsHash))  (information: "
                + "the workload defines the hash for first fit)"
                + (other!.failures > 0 ? ", \(other!.failures) allocations failed" : ""))
        others.append(other!)
    }

    let naiveOps = options.naiveOps(for: n)
    var result = SizeResult(
        n: n, liveRange: workload.liveRange, opStreamHash: workload.opStreamHash, opStreamOK: opStreamOK,
        offsetsHash: offsets.hash.value, offsetsOK: offsetsOK, naiveOffsetsOK: nil, naiveOps: naiveOps,
        endStats: endStats!, endLiveCount: endLive, bookkeepingBytes: bookkeeping)
    result.others = others
    let timesFirstFit = options.policies.contains(.first)

    // Timed runs, interleaved so that drifts of the machine hit every allocator alike.
    let runs = options.runs(for: n), naiveRuns = options.naiveRuns(for: n)
    for run in 0..<max(runs, naiveRuns) {
        if run < runs {
            if timesFirstFit {
                var ignorePool = IgnoreAllocations<Int>()
                result.pool.add(
                    measure(
                        workload, make: { PoolUnderTest(totalSize: workload.poolSize) },
                        observer: &ignorePool
                    ).nanosecondsPerOp)
            }
            for k in result.others.indices {
                let policy = result.others[k].policy
                var ignorePool = IgnoreAllocations<Int>()
                let timed = measure(
                    workload, make: { PoolUnderTest(totalSize: workload.poolSize, policy: policy) },
                    observer: &ignorePool)
                result.others[k].samples.add(timed.nanosecondsPerOp)
            }
            var ignoreSystem = IgnoreAllocations<UnsafeMutableRawPointer?>()
            result.system.add(measure(workload, make: { SystemAllocator() }, observer: &ignoreSystem).nanosecondsPerOp)
            var ignoreLoop = IgnoreAllocations<Int>()
            let loop = measure(workload, make: { LoopOnly() }, observer: &ignoreLoop)
            result.loopOnly.add(loop.nanosecondsPerOp)
            benchmarkSink &+= loop.allocator.checksum
        }
        if run < naiveRuns {
            // The naive runs hash their offsets too: one xor-multiply per allocation, noise
            // next to a linear scan, and a check that both allocators are exact first fit.
            var naiveOffsets = HashOffsets()
            let naive = measure(
                workload, churnOps: naiveOps,
                make: { NaiveFirstFit(totalSize: workload.poolSize, expectedLive: n) },
                observer: &naiveOffsets)
            result.naive.add(naive.nanosecondsPerOp)
            if naiveOps == ChurnWorkload.churnOpCount {
                let same = naiveOffsets.hash.value == offsets.hash.value && naiveOffsets.failures == 0
                result.naiveOffsetsOK = (result.naiveOffsetsOK ?? true) && same
            }
        }
    }
    if result.naiveOffsetsOK == false { print("naive baseline offsets hash: MISMATCH with the pool's") }

    let stats = result.endStats
    print(
        "live blocks during churn \(Format.grouped(workload.liveRange.lowerBound))…"
            + "\(Format.grouped(workload.liveRange.upperBound)), "
            + "\(Format.grouped(result.endLiveCount)) at the end")
    print(
        "at the end: \(Format.grouped(stats.freeBlockCount)) free blocks, "
            + "largest free \(Format.grouped(stats.largestFree)) B, "
            + "fragmentation \(Format.fixed(stats.fragmentation, 3)), padding \(Format.grouped(stats.padding)) B")
    print(
        "bookkeeping \(Format.grouped(result.bookkeepingBytes)) B = "
            + "\(Format.fixed(result.bookkeepingPerLiveBlock, 1)) B per live block"
    )
    for other in result.others {
        print(
            "  \(other.policy.rawValue) fit at the end: \(Format.grouped(other.endStats.freeBlockCount)) free blocks, "
                + "largest free \(Format.grouped(other.endStats.largestFree)) B, "
                + "fragmentation \(Format.fixed(other.endStats.fragmentation, 3)), "
                + "padding \(Format.grouped(other.endStats.padding)) B, "
                + "bookkeeping \(Format.fixed(other.bookkeepingPerLiveBlock, 1)) B per live block")
    }
    print("ns per churn op, median (min–max) of \(runs) run\(runs == 1 ? "" : "s"):")
    print("  MemoryPool          \(Format.spread(result.pool))")
    for other in result.others {
        print("  MemoryPool \(Format.padded(other.policy.rawValue, 8)) \(Format.spread(other.samples))")
    }
    print("  malloc/free         \(Format.spread(result.system))")
    let naiveNote = naiveOps == ChurnWorkload.churnOpCount ? "" : ", first \(Format.grouped(naiveOps)) churn ops only"
    print(
        "  naive sorted array  \(Format.spread(result.naive))  "
            + "[\(naiveRuns) run\(naiveRuns == 1 ? "" : "s")\(naiveNote)]"
    )
    print("  loop alone          \(Format.spread(result.loopOnly))")
    print(
        "  pool/malloc \(Format.ratio(result.poolOverSystem, 2)), naive/pool \(Format.ratio(result.naiveOverPool, 1))"
            + (naiveOps == ChurnWorkload.churnOpCount ? "" : " (naive over fewer, cheaper ops: not comparable)"))
    if !result.others.isEmpty {
        let ratios = result.others.map {
            "\($0.policy.rawValue)/malloc \(Format.ratio($0.overSystem(result.system), 2))"
        }
        print("  " + ratios.joined(separator: ", "))
    }
    print("")
    return result
}

/// "PASS" or "FAIL".
func verdict(_ passed: Bool) -> String { passed ? "PASS" : "FAIL" }

/// PASS/FAIL for each target of the issue.
func printTargets(_ results: [SizeResult]) {
    print("== Targets")
    for n in [100_000, 1_000_000] {
        guard let result = results.first(where: { $0.n == n }) else {
            print("pool ≤ 2× malloc at N = \(Format.count(n)): not measured in this run")
            continue
        }
        let ratio = result.poolOverSystem
        print("pool ≤ 2× malloc at N = \(Format.count(n)): \(Format.fixed(ratio, 2))×  \(verdict(ratio <= 2))")
    }
    if let result = results.first(where: { $0.n == 100_000 }), !result.naive.isEmpty {
        let ratio = result.naiveOverPool
        print("pool ≥ 20× faster than naive at N = 100k: \(Format.fixed(ratio, 1))×  \(verdict(ratio >= 20))")
    } else {
        print("pool ≥ 20× faster than naive at N = 100k: not measured in this run")
    }
    for policy in FitPolicy.allCases where policy != .first {
        guard let result = results.first(where: { $0.n == 100_000 }),
            let other = result.others.first(where: { $0.policy == policy })
        else { continue }
        let ratio = other.overSystem(result.system)
        print(
            "\(policy.rawValue) fit ≤ 3× malloc at N = 100k: \(Format.fixed(ratio, 2))×  \(verdict(ratio <= 3))"
        )
    }
    for result in results {
        let bytes = result.bookkeepingPerLiveBlock
        print(
            "bookkeeping ≤ 64 B per live block at N = \(Format.count(result.n)): "
                + "\(Format.fixed(bytes, 1)) B  \(verdict(bytes <= 64))"
        )
    }
}

/// A Markdown table for the README.
func printTable(_ results: [SizeResult], options: BenchmarkOptions) {
    print("\n== Markdown")
    print(
        "| N | live blocks | MemoryPool ns/op | malloc ns/op | naive ns/op | pool/malloc | naive/pool "
            + "| bookkeeping B/block | free blocks at end | fragmentation | hashes |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for result in results {
        let naiveNote = result.naiveOps == ChurnWorkload.churnOpCount ? "" : " ¹"
        let row = [
            Format.count(result.n),
            "\(Format.grouped(result.liveRange.lowerBound))…\(Format.grouped(result.liveRange.upperBound))",
            Format.spread(result.pool),
            Format.spread(result.system),
            Format.spread(result.naive) + naiveNote,
            Format.ratio(result.poolOverSystem, 2),
            Format.ratio(result.naiveOverPool, 1) + naiveNote,
            Format.fixed(result.bookkeepingPerLiveBlock, 1),
            Format.grouped(result.endStats.freeBlockCount),
            Format.fixed(result.endStats.fragmentation, 3),
            result.hashesOK ? "OK" : "MISMATCH",
        ]
        print("| " + row.joined(separator: " | ") + " |")
    }
    if results.contains(where: { $0.naiveOps != ChurnWorkload.churnOpCount }) {
        print(
            "\n¹ the naive baseline replays only the first "
                + "\(Format.grouped(options.naiveOpsAtOneMillion)) churn ops at N = 1M, "
                + "while its free list is still short: its figure and ratio there understate its cost.")
    }
    if results.contains(where: { !$0.others.isEmpty }) {
        print(
            "\n| N | policy | ns/op | malloc ns/op | pool/malloc | free blocks at end | fragmentation "
                + "| bookkeeping B/block | offsets hash |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for result in results {
            if !result.pool.isEmpty {
                print(
                    "| "
                        + [
                            Format.count(result.n), "first", Format.spread(result.pool), Format.spread(result.system),
                            Format.ratio(result.poolOverSystem, 2), Format.grouped(result.endStats.freeBlockCount),
                            Format.fixed(result.endStats.fragmentation, 3),
                            Format.fixed(result.bookkeepingPerLiveBlock, 1),
                            Format.hex(result.offsetsHash) + (result.offsetsOK ? " (OK)" : " (MISMATCH)"),
                        ].joined(separator: " | ") + " |")
            }
            for other in result.others {
                print(
                    "| "
                        + [
                            Format.count(result.n), other.policy.rawValue, Format.spread(other.samples),
                            Format.spread(result.system), Format.ratio(other.overSystem(result.system), 2),
                            Format.grouped(other.endStats.freeBlockCount),
                            Format.fixed(other.endStats.fragmentation, 3),
                            Format.fixed(other.bookkeepingPerLiveBlock, 1), Format.hex(other.offsetsHash),
                        ].joined(separator: " | ") + " |")
            }
        }
    }
    let runs = results.map { result in
        "\(Format.count(result.n)): \(options.runs(for: result.n)) (naive \(options.naiveRuns(for: result.n)))"
    }
    print(
        "\nns per churn op: median (min–max) over runs per N — \(runs.joined(separator: ", ")); "
            + "release build, one process, the same pre-generated op sequence for every allocator.")
}
