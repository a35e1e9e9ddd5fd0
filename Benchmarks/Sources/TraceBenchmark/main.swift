// Long traces: `poolmap run` and `poolmap play` on a generated churn trace of 10^7 events.
//
//   cd Benchmarks && swift run -c release TraceBenchmark [--events N] [--runs K] [--keep FILE]
//   swift run -c release TraceBenchmark generate N FILE      (only write the trace)
//
// The trace (docs/benchmarks.md, "The long churn trace"): SplitMix64 seeded with 12; each event
// frees a uniformly chosen live block with probability live/4000 (so the live count settles
// around 1,935), else allocates; one allocation in 16 is a realloc of a live block (`r`), one
// in 8 is aligned to 256 (`m`), the others plain (`a`); sizes are log-uniform from 16 B to
// 64 KiB.
//
// Every figure is measured in a fresh child process (this executable, run again with a mode),
// so that peak memory (ru_maxrss from wait4) is that process's alone:
//   run-text, run-json   HeadlessRun over the trace, output to /dev/null: wall time and peak RSS.
//   play                 load the trace, build the player and draw its first frame (interactive),
//                        read the whole run for the timeline (complete), then 100 seeks to random
//                        steps through the `:` prompt, each timed to its frame drawn; peak RSS.
//   parse                ScriptFile.load: the trace read in pieces, parsed and packed for play;
//                        its rate in MB/s of file.
// Targets (2 cores): parsing ≥ 100 MB/s; run text ≤ 5 s and ≤ 150 MB; run JSON ≤ 10 s and
// ≤ 150 MB; play interactive ≤ 3 s, timeline complete ≤ 6 s, ≤ 1 GB; seek ≤ 50 ms (median of 100).
import BenchmarkSupport
import MemoryMap
import PoolApp
import PoolReport
import PoolScript
import PoolText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
    var text = "TraceBenchmark: \(message)\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    exit(1)
}

// MARK: The trace

/// Writes the long churn trace of `events` events to `path`.
func generate(events: Int, path: String) {
    guard let file = fopen(path, "w") else { fail("cannot write \(path)") }
    defer { fclose(file) }
    var random = SplitMix64(state: 12)
    func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    /// Log-uniform from 16 B to 64 KiB: a power of two 2^4…2^15, then uniform below the next.
    func size() -> Int {
        let exponent = 4 + below(12)
        return (1 << exponent) + below(1 << exponent)
    }
    var live: [Int] = []
    var nextID = 0
    var text = "# long churn trace: \(events) events, SplitMix64 seed 12, about 2000 live blocks\n"
    // Frees balance allocations where L/4000 = (1 − L/4000) · 15/16: L = 60,000/31 ≈ 1,935.
    text.reserveCapacity(1 << 20)
    for _ in 0..<events {
        if below(4000) < live.count {
            let index = below(live.count)
            text += "f \(live[index])\n"
            live.swapAt(index, live.count - 1)
            live.removeLast()
        } else if !live.isEmpty, below(16) == 0 {
            text += "r \(live[below(live.count)]) \(size())\n"
        } else if below(8) == 0 {
            text += "m \(nextID) \(size()) 256\n"
            live.append(nextID)
            nextID += 1
        } else {
            text += "a \(nextID) \(size())\n"
            live.append(nextID)
            nextID += 1
        }
        if text.utf8.count >= 1 << 20 {
            fputs(text, file)
            text = ""
        }
    }
    fputs(text, file)
}

// MARK: Children

/// Runs this executable with `arguments`; returns wall seconds and peak RSS in MB.
func child(_ arguments: [String]) -> (seconds: Double, megabytes: Double, output: String) {
    var pipe: [Int32] = [0, 0]
    guard pipe.withUnsafeMutableBufferPointer({ Glibc.pipe($0.baseAddress!) }) == 0 else { fail("pipe") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipe[0])
    let all = [CommandLine.arguments[0]] + arguments
    var argv: [UnsafeMutablePointer<CChar>?] = all.map { strdup($0) } + [nil]
    var pid: pid_t = 0
    let start = monotonicSeconds()
    guard posix_spawn(&pid, CommandLine.arguments[0], &actions, nil, &argv, environ) == 0 else { fail("spawn") }
    close(pipe[1])
    var output = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(pipe[0], &buffer, buffer.count)
        if count <= 0 { break }
        output += buffer[0..<count]
    }
    close(pipe[0])
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let seconds = monotonicSeconds() - start
    argv.forEach { free($0) }
    posix_spawn_file_actions_destroy(&actions)
    guard status == 0 else { fail("\(arguments.joined(separator: " ")) failed (status \(status))") }
    return (seconds, Double(usage.ru_maxrss) / 1024, String(decoding: output, as: UTF8.self))
}

/// `run-text FILE` / `run-json FILE`: the headless run, its report to /dev/null.
func runChild(format: HeadlessRun.Format, path: String) {
    guard let null = fopen("/dev/null", "w") else { fail("/dev/null") }
    do {
        let input = HeadlessRun.Input.trace(try TraceFile(path: path))
        _ = try HeadlessRun.run(
            input, poolSize: input.defaultPoolSize, format: format, width: 64, every: false,
            output: { text in
                var text = text
                text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, null) }
            }, errors: { _ in })
    } catch {
        fail("\(error)")
    }
    fclose(null)
}

/// `parse FILE`: reads, parses and packs the trace as `play` does; prints the seconds.
func parseChild(path: String) {
    let start = monotonicSeconds()
    do {
        let script = try ScriptFile.load(path: path)
        print(monotonicSeconds() - start, script.stepCount)
    } catch {
        fail("\(error)")
    }
}

/// `play FILE`: opening, the timeline, 100 seeks; prints `interactive complete seekMedian seekMax steps`.
func playChild(path: String) {
    let start = monotonicSeconds()
    let script: Script
    do {
        script = try ScriptFile.load(path: path)
    } catch {
        fail("\(error)")
    }
    let size = TerminalSize(width: 160, height: 48)
    var state: PlayerState
    do {
        state = try PlayerState(script: script, poolSize: script.tracePoolSize, paused: true, screenSize: size)
    } catch {
        fail("\(error)")
    }
    state.scanPace = .duration(.milliseconds(15))
    var checksum = ScreenRenderer.render(state.screenModel, width: size.width, height: size.height).cells.count
    let interactive = monotonicSeconds() - start
    // The timeline fills in tick by tick, a frame drawn after each, as on screen.
    while state.screenModel.statement?.contains("reading the run") == true {
        _ = state.reduce(.tick)
        checksum &+= ScreenRenderer.render(state.screenModel, width: size.width, height: size.height).cells.count
    }
    let complete = monotonicSeconds() - start
    let steps = script.stepCount
    var random = SplitMix64(state: 99)
    var seeks: [Double] = []
    for _ in 0..<100 {
        let target = Int(random.next() % UInt64(steps + 1))
        _ = state.reduce(.character(":"))
        for event in InputEvent.typing(String(target)) { _ = state.reduce(event) }
        let seekStart = monotonicSeconds()
        _ = state.reduce(.key(.enter))
        checksum &+= ScreenRenderer.render(state.screenModel, width: size.width, height: size.height).cells.count
        seeks.append(monotonicSeconds() - seekStart)
        guard
            state.screenModel.statement?.contains("step \(NumberText.grouped(target)) of") == true
                || target == steps
        else { fail("the seek to \(target) did not land: \(state.screenModel.statement ?? "")") }
    }
    print(interactive, complete, median(seeks), seeks.max() ?? 0, steps, checksum)
}

// MARK: Main

func format(_ value: Double, _ places: Int = 2) -> String {
    NumberText.fixed(value, places: places)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "generate":
    guard arguments.count == 3, let events = Int(arguments[1]) else { fail("usage: generate N FILE") }
    generate(events: events, path: arguments[2])
case "run-text": runChild(format: .text, path: arguments[1])
case "run-json": runChild(format: .json, path: arguments[1])
case "play": playChild(path: arguments[1])
case "parse": parseChild(path: arguments[1])
default:
    var events = 10_000_000, runs = 3
    var keep: String?
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--events": events = Int(arguments[index + 1]) ?? events
        case "--runs": runs = max(1, Int(arguments[index + 1]) ?? runs)
        case "--keep": keep = arguments[index + 1]
        default: fail("usage: TraceBenchmark [--events N] [--runs K] [--keep FILE] | generate N FILE")
        }
        index += 2
    }
    let path = keep ?? "/tmp/poolmap-trace-benchmark-\(getpid()).trace"
    let generateStart = monotonicSeconds()
    generate(events: events, path: path)
    var info = stat()
    stat(path, &info)
    print(
        "trace: \(NumberText.grouped(events)) events, \(format(Double(info.st_size) / 1_048_576, 1)) MiB, "
            + "generated in \(format(monotonicSeconds() - generateStart)) s → \(path)")
    let megabytes = Double(info.st_size) / 1_000_000
    var parse: [Double] = []
    var text: [(Double, Double)] = [], json: [(Double, Double)] = []
    var play: [(interactive: Double, complete: Double, seek: Double, worst: Double, megabytes: Double)] = []
    for _ in 0..<runs {
        let parsed = child(["parse", path])
        guard let seconds = parsed.output.split(separator: " ").first.flatMap({ Double($0) }) else {
            fail("parse printed \(parsed.output)")
        }
        parse.append(megabytes / seconds)
        let t = child(["run-text", path])
        text.append((t.seconds, t.megabytes))
        let j = child(["run-json", path])
        json.append((j.seconds, j.megabytes))
        let p = child(["play", path])
        let figures = p.output.split(separator: " ").compactMap { Double($0) }
        guard figures.count >= 4 else { fail("play printed \(p.output)") }
        play.append((figures[0], figures[1], figures[2] * 1000, figures[3] * 1000, p.megabytes))
    }
    if keep == nil { unlink(path) }
    func row(_ name: String, _ values: [Double], unit: String, target: String) -> String {
        let range = "\(format(values.min() ?? 0))–\(format(values.max() ?? 0))"
        return "\(name)  \(format(median(values))) \(unit) (\(range))  target \(target)"
    }
    print("median (min–max) of \(runs) run\(runs == 1 ? "" : "s"), each in its own process:")
    print(row("parse            ", parse, unit: "MB/s", target: "≥ 100 MB/s"))
    print(row("run, text        ", text.map(\.0), unit: "s ", target: "≤ 5 s"))
    print(row("run, text RSS    ", text.map(\.1), unit: "MB", target: "≤ 150 MB"))
    print(row("run, JSON        ", json.map(\.0), unit: "s ", target: "≤ 10 s"))
    print(row("run, JSON RSS    ", json.map(\.1), unit: "MB", target: "≤ 150 MB"))
    print(row("play, interactive", play.map(\.interactive), unit: "s ", target: "≤ 3 s"))
    print(row("play, timeline   ", play.map(\.complete), unit: "s ", target: "≤ 6 s"))
    print(row("play, RSS        ", play.map(\.megabytes), unit: "MB", target: "≤ 1024 MB"))
    print(row("play, seek median", play.map(\.seek), unit: "ms", target: "≤ 50 ms"))
    print(row("play, seek worst ", play.map(\.worst), unit: "ms", target: "(none)"))
}
