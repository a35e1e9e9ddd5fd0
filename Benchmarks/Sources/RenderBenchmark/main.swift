// Render benchmark: one 200×60 frame of the explorer at full-pool zoom, for a pool of 10^6
// live blocks, against the same frame for 10^3 live blocks (the baseline), in one run.
// Target: ≤ 5 ms median per frame for 10^6 blocks (release build).
//
//   cd Benchmarks && swift run -c release RenderBenchmark [LIVE_BLOCKS] [FRAMES]
//
// The pool is built by allocating 2·LIVE blocks of random sizes (16…80 B) in order on an empty
// pool (first fit appends, so each alloc is cheap on any storage), then freeing every other
// one: LIVE live blocks separated by LIVE holes — the worst case for a fitted map, where every
// cell holds hundreds of blocks.
import BenchmarkSupport
import Foundation
import MemoryMap
import PoolAllocator

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// A pool with `live` live blocks and `live` free holes between them.
func makePool(live: Int, seed: UInt64) throws -> MemoryPool {
    var random = SplitMix64(state: seed)
    let sizes = (0..<(2 * live)).map { _ in 16 + Int(random.next() % 65) }
    var pool = try MemoryPool(totalSize: sizes.reduce(0, +) + 4096)
    var offsets: [Int] = []
    offsets.reserveCapacity(sizes.count)
    for size in sizes {
        guard let offset = try pool.alloc(size) else { fatalError("benchmark pool too small") }
        offsets.append(offset)
    }
    for index in stride(from: 1, to: offsets.count, by: 2) { try pool.free(offsets[index]) }
    return pool
}

/// The explorer's model for `pool`: fitted, a block selected, history and log filled.
func model(for pool: MemoryPool) -> ScreenModel {
    let middle = pool.block(containing: pool.totalSize / 2)?.offset ?? pool.firstBlock?.offset
    let history = (0..<200).map { Double($0 % 50) / 50 }
    let log = (0..<20).map {
        LogEntry("alloc \($0 * 16) B → 0x\(String($0 * 4096, radix: 16))", isError: $0 % 7 == 0)
    }
    return ScreenModel(
        pool: pool, title: "poolmap render benchmark", selectedOffset: middle,
        fragmentationHistory: history, log: log)
}

/// Median (and fastest) milliseconds per frame over `frames` renders, after one warm-up frame.
/// The fastest frame shows what the code costs when no other process shares the cores.
func medianFrameMilliseconds(_ model: ScreenModel, frames: Int) -> (median: Double, fastest: Double, checksum: Int) {
    var times: [Double] = []
    var checksum = ScreenRenderer.render(model, width: 200, height: 60).cells.count
    for _ in 0..<frames {
        let start = DispatchTime.now()
        let grid = ScreenRenderer.render(model, width: 200, height: 60)
        times.append(seconds(since: start) * 1000)
        checksum &+= grid.cells.reduce(0) { $0 &+ ($1.style == .free ? 1 : 0) }
    }
    times.sort()
    return (times[times.count / 2], times[0], checksum)
}

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let live = max(1, arguments.first ?? 1_000_000)
let frames = max(1, arguments.dropFirst().first ?? 20)
let baselineLive = 1_000
let budget = 5.0

print("RenderBenchmark: 200×60 frame, whole pool in view, median of \(frames) frames")
var start = DispatchTime.now()
let baselinePool = try makePool(live: baselineLive, seed: 1)
let big: MemoryPool
do {
    start = DispatchTime.now()
    big = try makePool(live: live, seed: 2)
    print(
        String(
            format: "built %d-block pool (%.1f MiB) in %.2f s", big.stats.blockCount,
            Double(big.totalSize) / 1_048_576, seconds(since: start)))
}
let cells = ScreenLayout(width: 200, height: 60, totalSize: big.totalSize)
print("map \(cells.mapRows)×\(cells.mapColumns) cells + \(cells.overviewColumns) overview cells")

let baseline = medianFrameMilliseconds(model(for: baselinePool), frames: frames)
let measured = medianFrameMilliseconds(model(for: big), frames: frames)
print(
    String(
        format: "%9d blocks: %8.3f ms/frame median, %8.3f fastest (baseline)",
        baselinePool.stats.blockCount, baseline.median, baseline.fastest))
print(
    String(
        format: "%9d blocks: %8.3f ms/frame median, %8.3f fastest",
        big.stats.blockCount, measured.median, measured.fastest))
print(
    String(
        format: "ratio %.2f×   (checksum %d)", measured.median / max(baseline.median, 1e-9),
        baseline.checksum &+ measured.checksum))
let pass = measured.median <= budget
print(
    pass
        ? String(format: "PASS: %.3f ms ≤ %.0f ms", measured.median, budget)
        : String(format: "FAIL: %.3f ms > %.0f ms", measured.median, budget))
if !pass { exit(1) }
