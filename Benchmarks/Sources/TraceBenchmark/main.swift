// Long traces: `poolmap run`, `poolmap play` and `poolmap compare` on generated churn traces.
//
//   cd Benchmarks && swift run -c release TraceBenchmark [--events N] [--live L] [--runs K] [--keep FILE]
//       [--play-only] [--compare]
//   swift run -c release TraceBenchmark generate N FILE [LIVE]      (only write the trace)
//   swift run -c release TraceBenchmark --snapshot N [--runs K] [--keep FILE]   (PyTorch snapshot)
//
// The trace (docs/benchmarks.md, "The long churn trace"): SplitMix64 seeded with 12; each event
// frees a uniformly chosen live block with probability count/(2·L) (so the live count settles
// around L·30/31: 1,935 for the default L = 2,000), else allocates; one allocation in 16 is a
// realloc of a live block (`r`), one in 8 is aligned to 256 (`m`), the others plain (`a`); sizes
// are log-uniform from 16 B to 64 KiB.
//
// Every figure is measured in a fresh child process (this executable, run again with a mode),
// so that peak memory (ru_maxrss from wait4) is that process's alone:
//   run-text, run-json   HeadlessRun over the trace, output to /dev/null: wall time and peak RSS.
//   play                 load the trace, build the player and draw its first frame (interactive),
//                        press End on the unread run in the real loop (AppRunner, its 40 ms ticks)
//                        until the player stands at the end, then 100 seeks to random steps
//                        through the `:` prompt, each timed to its frame drawn; peak RSS.
//   compare              the comparison of the four policies, End on the unread run as for play.
//   parse                ScriptFile.load: the trace read in pieces, parsed and packed for play;
//                        its rate in MB/s of file.
//   read-snapshot        a PyTorch snapshot read, decoded and replayed into the script play runs
//                        (Snapshot.swift), timed against `parse` of the same events as a .trace;
//   play-snapshot        play as above, on the snapshot's replay.
// Targets (2 cores): parsing ≥ 100 MB/s; run text ≤ 5 s and ≤ 150 MB; run JSON ≤ 10 s and
// ≤ 150 MB; play interactive ≤ 3 s; play End ≤ 5 s at 200,000 live, ≤ 2 s at 2,000; play
// ≤ 1 GB at 200,000 live, ≤ 400 MB at 20,000, ≤ 300 MB at 2,000; seek median ≤ 50 ms, worst
// ≤ 200 ms; compare at 20,000 live ≤ 10 s to End and ≤ 1.5 GB; a 10^6-event snapshot: read
// ≤ 2× its events as a .trace, play's first frame ≤ 3 s, seeks ≤ 50 ms, ≤ 1 GB.
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

/// Writes the long churn trace of `events` events to `path`, its live count settling near
/// `live` × 60/62 (a free is drawn with probability count / (2 × `live`)).
func generate(events: Int, path: String, live target: Int = 2000) {
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
    var text = "# long churn trace: \(events) events, SplitMix64 seed 12, about \(target) live blocks\n"
    // Frees balance allocations where L/2T = (1 − L/2T) · 15/16: L = 2T · 15/31 (1,935 for 2,000).
    text.reserveCapacity(1 << 20)
    for _ in 0..<events {
        if below(2 * target) < live.count {
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

/// How a real terminal reads ahead: the pace `play` and `compare` set.
let interactivePace = PlayerState.ScanPace.interactive

/// A terminal that presses End at once, then lets the runner's clock tick (it waits out every
/// timeout, as a terminal without input does) until `isDone` says the app got there, and quits.
final class EndTerminal: TerminalDevice {
    let size: TerminalSize
    let colorDepth = ColorDepth.full256
    let pendingSignal: Int32? = nil
    var pressedEnd = false
    var isDone = false

    init(size: TerminalSize) {
        self.size = size
    }

    func draw(_ grid: Grid) throws {}

    func nextEvent(timeout: Duration?) throws -> InputEvent? {
        if !pressedEnd {
            pressedEnd = true
            return .key(.end)
        }
        if isDone { return .key(.character("q")) }
        if let timeout, timeout > .zero {
            let parts = timeout.components
            usleep(UInt32(parts.seconds * 1_000_000 + parts.attoseconds / 1_000_000_000_000))
        }
        return nil
    }
}

/// Runs `app` in the real loop on an `EndTerminal` until `atEnd` holds; returns the app.
func pressEnd<State: AppState>(_ app: App<State>, size: TerminalSize, atEnd: (State) -> Bool) -> App<State> {
    var app = app
    let terminal = EndTerminal(size: size)
    do {
        _ = try AppRunner.run(&app, on: terminal) { _, app in terminal.isDone = atEnd(app.state) }
    } catch {
        fail("\(error)")
    }
    return app
}

/// `play FILE`: opening, End on the unread run through the real loop, then 100 seeks; prints
/// `interactive end seekMedian seekMax steps`. `load` reads the script and its pool size (a
/// trace file by default; `play-snapshot` reads a PyTorch snapshot).
func playChild(path: String, load: (String) -> (Script, Int) = loadTrace) {
    let start = monotonicSeconds()
    let (script, poolSize) = load(path)
    let size = TerminalSize(width: 160, height: 48)
    var state: PlayerState
    do {
        state = try PlayerState(script: script, poolSize: poolSize, paused: true, screenSize: size)
    } catch {
        fail("\(error)")
    }
    state.scanPace = interactivePace
    var checksum = ScreenRenderer.render(state.screenModel, width: size.width, height: size.height).cells.count
    let interactive = monotonicSeconds() - start
    state = pressEnd(PlayerApp(state: state), size: size) { $0.isFinished }.state
    let end = monotonicSeconds() - start
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
    print(interactive, end, median(seeks), seeks.max() ?? 0, steps, checksum)
}

/// A trace file as `play` reads it, with its default pool.
func loadTrace(path: String) -> (Script, Int) {
    do {
        let script = try ScriptFile.load(path: path)
        return (script, script.tracePoolSize)
    } catch {
        fail("\(error)")
    }
}

/// `compare FILE`: the four policies, End on the unread run through the real loop; prints the
/// seconds.
func compareChild(path: String) {
    let start = monotonicSeconds()
    let size = TerminalSize(width: 160, height: 48)
    var state: CompareState
    do {
        let script = try ScriptFile.load(path: path)
        state = try CompareState(script: script, poolSize: script.tracePoolSize, paused: true, screenSize: size)
    } catch {
        fail("\(error)")
    }
    state.scanPace = interactivePace
    _ = pressEnd(CompareApp(state: state), size: size) { $0.isFinished }
    print(monotonicSeconds() - start)
}

// MARK: Main

func format(_ value: Double, _ places: Int = 2) -> String {
    NumberText.fixed(value, places: places)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "generate":
    guard arguments.count >= 3, let events = Int(arguments[1]) else { fail("usage: generate N FILE [LIVE]") }
    generate(events: events, path: arguments[2], live: arguments.count > 3 ? Int(arguments[3]) ?? 2000 : 2000)
case "run-text": runChild(format: .text, path: arguments[1])
case "run-json": runChild(format: .json, path: arguments[1])
case "play": playChild(path: arguments[1])
case "compare": compareChild(path: arguments[1])
case "parse": parseChild(path: arguments[1])
case "read-snapshot": readSnapshotChild(path: arguments[1])
case "write-trace": writeTraceChild(snapshot: arguments[1], trace: arguments[2])
case "play-snapshot":
    playChild(path: arguments[1]) { path in
        let replay = loadSnapshotReplay(path: path)
        return (replay.playableScript, replay.defaultPoolSize)
    }
default:
    var events = 10_000_000, runs = 3, live = 2000
    var keep: String?
    var playOnly = false, compare = false
    var snapshotEvents: Int?
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--events": events = Int(arguments[index + 1]) ?? events
        case "--runs": runs = max(1, Int(arguments[index + 1]) ?? runs)
        case "--keep": keep = arguments[index + 1]
        case "--live": live = max(1, Int(arguments[index + 1]) ?? live)
        case "--play-only": playOnly = true
        case "--compare": compare = true
        case "--snapshot": snapshotEvents = Int(arguments[index + 1]) ?? 1_000_000
        default:
            fail(
                "usage: TraceBenchmark [--events N] [--live L] [--runs K] [--keep FILE] [--play-only] [--compare]"
                    + " | --snapshot N [--runs K] [--keep FILE] | generate N FILE [LIVE]")
        }
        index += ["--play-only", "--compare"].contains(arguments[index]) ? 1 : 2
    }
    if let snapshotEvents {
        snapshotBenchmark(events: snapshotEvents, runs: runs, keep: keep)
        exit(0)
    }
    let path = keep ?? "/tmp/poolmap-trace-benchmark-\(getpid()).trace"
    let generateStart = monotonicSeconds()
    if access(path, R_OK) != 0 || keep == nil { generate(events: events, path: path, live: live) }
    var info = stat()
    stat(path, &info)
    print(
        "trace: \(NumberText.grouped(events)) events, \(format(Double(info.st_size) / 1_048_576, 1)) MiB, "
            + "generated in \(format(monotonicSeconds() - generateStart)) s → \(path)")
    let megabytes = Double(info.st_size) / 1_000_000
    var parse: [Double] = []
    var text: [(Double, Double)] = [], json: [(Double, Double)] = []
    var play: [(interactive: Double, end: Double, seek: Double, worst: Double, megabytes: Double)] = []
    var compared: [(end: Double, megabytes: Double)] = []
    for _ in 0..<runs {
        let p = child(["play", path])
        let figures = p.output.split(separator: " ").compactMap { Double($0) }
        guard figures.count >= 4 else { fail("play printed \(p.output)") }
        play.append((figures[0], figures[1], figures[2] * 1000, figures[3] * 1000, p.megabytes))
        if compare {
            let c = child(["compare", path])
            compared.append((c.seconds, c.megabytes))
        }
        if playOnly { continue }
        let parsed = child(["parse", path])
        guard let seconds = parsed.output.split(separator: " ").first.flatMap({ Double($0) }) else {
            fail("parse printed \(parsed.output)")
        }
        parse.append(megabytes / seconds)
        let t = child(["run-text", path])
        text.append((t.seconds, t.megabytes))
        let j = child(["run-json", path])
        json.append((j.seconds, j.megabytes))
    }
    if keep == nil { unlink(path) }
    func row(_ name: String, _ values: [Double], unit: String, target: String) -> String {
        let range = "\(format(values.min() ?? 0))–\(format(values.max() ?? 0))"
        return "\(name)  \(format(median(values))) \(unit) (\(range))  target \(target)"
    }
    print("median (min–max) of \(runs) run\(runs == 1 ? "" : "s"), each in its own process:")
    if !playOnly {
        print(row("parse            ", parse, unit: "MB/s", target: "≥ 100 MB/s"))
        print(row("run, text        ", text.map(\.0), unit: "s ", target: "≤ 5 s"))
        print(row("run, text RSS    ", text.map(\.1), unit: "MB", target: "≤ 150 MB"))
        print(row("run, JSON        ", json.map(\.0), unit: "s ", target: "≤ 10 s"))
        print(row("run, JSON RSS    ", json.map(\.1), unit: "MB", target: "≤ 150 MB"))
    }
    print(row("play, interactive", play.map(\.interactive), unit: "s ", target: "≤ 3 s"))
    print(row("play, End reached", play.map(\.end), unit: "s ", target: "≤ 5 s at 200,000 live, ≤ 2 s at 2,000"))
    print(row("play, RSS        ", play.map(\.megabytes), unit: "MB", target: "≤ 1 GB / 400 / 300 MB"))
    print(row("play, seek median", play.map(\.seek), unit: "ms", target: "≤ 50 ms"))
    print(row("play, seek worst ", play.map(\.worst), unit: "ms", target: "≤ 200 ms"))
    if compare {
        print(row("compare, End     ", compared.map(\.end), unit: "s ", target: "≤ 10 s at 20,000 live"))
        print(row("compare, RSS     ", compared.map(\.megabytes), unit: "MB", target: "≤ 1.5 GB at 20,000 live"))
    }
}
