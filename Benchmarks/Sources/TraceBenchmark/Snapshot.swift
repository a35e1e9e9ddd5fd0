import BenchmarkSupport
import Glibc
import PoolApp
import PoolScript
import PoolSnapshot
import PoolText

// The PyTorch snapshot figures of the snapshot issue: a generated snapshot of N events (made by
// scripts/make-snapshot-fixtures.py), read as `play` reads it, against the same events written
// as a `.trace` (`SnapshotReplay.traceText()`) and read as a trace.

/// The replay `play` runs for the snapshot at `path`: read, decoded, the device chosen, replayed.
func loadSnapshotReplay(path: String) -> SnapshotReplay {
    do {
        let snapshot = try MemorySnapshot.load(path: path)
        let device = try snapshot.chooseDevice(nil)
        return SnapshotReplay(snapshot: snapshot, device: device, fileName: path)
    } catch {
        fail("\(path): \(error)")
    }
}

/// `read-snapshot FILE`: reads the snapshot into the script `play` runs; prints the seconds.
func readSnapshotChild(path: String) {
    let start = monotonicSeconds()
    let replay = loadSnapshotReplay(path: path)
    print(monotonicSeconds() - start, replay.script.stepCount)
}

/// `write-trace SNAPSHOT FILE`: the snapshot's replay as the `.trace` `convert` writes.
func writeTraceChild(snapshot: String, trace: String) {
    let text = loadSnapshotReplay(path: snapshot).traceText()
    guard let file = fopen(trace, "w") else { fail("cannot write \(trace)") }
    var copy = text
    copy.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}

/// `--snapshot N`: generates the snapshot, then alternates reading it and reading the same
/// events as a trace, and plays it (first frame, End, seeks) as `play` does.
func snapshotBenchmark(events: Int, runs: Int, keep: String?) {
    let path = keep ?? "/tmp/poolmap-snapshot-benchmark-\(getpid()).pickle"
    let tracePath = path + ".trace"
    if access(path, R_OK) != 0 || keep == nil {
        let script = "../scripts/make-snapshot-fixtures.py"
        guard access(script, R_OK) == 0 else { fail("run from Benchmarks/: \(script) is the generator") }
        let made = system("python3 \(script) --events \(events) \(path)")
        guard made == 0 else { fail("the generator failed (status \(made))") }
    }
    _ = child(["write-trace", path, tracePath])
    var info = stat()
    stat(path, &info)
    print(
        "snapshot: \(NumberText.grouped(events)) events, \(format(Double(info.st_size) / 1_048_576, 1)) MiB → \(path)")
    var snapshotRead: [Double] = [], traceRead: [Double] = [], snapshotRSS: [Double] = [], traceRSS: [Double] = []
    var play: [(interactive: Double, end: Double, seek: Double, worst: Double, megabytes: Double)] = []
    for _ in 0..<runs {
        let s = child(["read-snapshot", path])
        snapshotRead.append(s.seconds)
        snapshotRSS.append(s.megabytes)
        let t = child(["parse", tracePath])
        traceRead.append(t.seconds)
        traceRSS.append(t.megabytes)
        let p = child(["play-snapshot", path])
        let figures = p.output.split(separator: " ").compactMap { Double($0) }
        guard figures.count >= 4 else { fail("play-snapshot printed \(p.output)") }
        play.append((figures[0], figures[1], figures[2] * 1000, figures[3] * 1000, p.megabytes))
    }
    if keep == nil { unlink(path) }
    unlink(tracePath)
    let ratios = zip(snapshotRead, traceRead).map { $0 / $1 }
    func row(_ name: String, _ values: [Double], unit: String, target: String) -> String {
        let range = "\(format(values.min() ?? 0))–\(format(values.max() ?? 0))"
        return "\(name)  \(format(median(values))) \(unit) (\(range))  target \(target)"
    }
    print("median (min–max) of \(runs) run\(runs == 1 ? "" : "s"), each in its own process, alternating:")
    print(row("read snapshot      ", snapshotRead, unit: "s ", target: "—"))
    print(row("read as a .trace   ", traceRead, unit: "s ", target: "—"))
    print(row("snapshot / trace   ", ratios, unit: "× ", target: "≤ 2×"))
    print(row("read snapshot, RSS ", snapshotRSS, unit: "MB", target: "—"))
    print(row("play, first frame  ", play.map(\.interactive), unit: "s ", target: "≤ 3 s"))
    print(row("play, End reached  ", play.map(\.end), unit: "s ", target: "—"))
    print(row("play, RSS          ", play.map(\.megabytes), unit: "MB", target: "≤ 1 GB"))
    print(row("play, seek median  ", play.map(\.seek), unit: "ms", target: "≤ 50 ms"))
    print(row("play, seek worst   ", play.map(\.worst), unit: "ms", target: "—"))
}
