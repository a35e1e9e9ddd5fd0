// The overhead of `poolmap record`: real programs run with and without the tracer, in
// alternating runs, median of each. Target: the traced program takes ≤ 3× the untraced time.
//
//   cd Benchmarks && swift run -c release RecordBenchmark [--runs N]
//
// Workloads:
//   python   CPython builds a list of 10^6 random strings and sorts it (pymalloc serves most
//            of the small objects, as it does by default)
//   python-malloc   the same with PYTHONMALLOC=malloc: every object through malloc
//   c++map   a C++ program (compiled here, -O2) fills a std::map of 10^6 entries, then drains it
// For each: untraced, traced (the program alone, records written), and the whole record
// (checks, run, conversion and the trace file).
import BenchmarkSupport
import PoolRecord

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to remove before exiting.
nonisolated(unsafe) var cleanUp: () -> Void = {}

func fail(_ message: String) -> Never {
    cleanUp()
    var text = "RecordBenchmark: \(message)\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    exit(1)
}

/// Runs `arguments` (a path first) with this environment plus `extra`, standard output and
/// error to /dev/null; returns the exit status.
@discardableResult
func run(_ arguments: [String], extra: [String] = [], quiet: Bool = true) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if quiet {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    var environment: [UnsafeMutablePointer<CChar>?] = []
    var index = 0
    while let entry = environ[index] {
        environment.append(strdup(entry))
        index += 1
    }
    environment += extra.map { strdup($0) }
    environment.append(nil)
    let argv = arguments.map { strdup($0) } + [nil]
    defer { (argv + environment).forEach { free($0) } }
    var pid = pid_t()
    guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environment) == 0 else {
        fail("cannot run \(arguments[0])")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
}

/// The first of `names` on PATH.
func find(_ names: [String]) -> String? {
    let path = getenv("PATH").map { String(cString: $0) }
    for name in names {
        if case .success(let found) = CommandResolver.resolve(name, searchPath: path) { return found }
    }
    return nil
}

/// Reads a whole small file.
func contents(_ path: String) -> String {
    guard let file = fopen(path, "r") else { return "" }
    defer { fclose(file) }
    var text = ""
    var buffer = [CChar](repeating: 0, count: 4096)
    while fgets(&buffer, Int32(buffer.count), file) != nil {
        text += String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    return text
}

func save(_ text: String, to path: String) {
    guard let file = fopen(path, "w") else { fail("cannot write \(path)") }
    fputs(text, file)
    fclose(file)
}

// MARK: Options and workloads

var runs = 5
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--runs", let value = arguments.popFirst().flatMap(Int.init), value > 0 {
        runs = value
    } else {
        print("usage: RecordBenchmark [--runs N]   (N alternating runs of each, default 5)")
        exit(argument == "--help" || argument == "-h" ? 0 : 2)
    }
}

#if DEBUG
print("warning: a debug build; figures mean little. Use `swift run -c release RecordBenchmark`.")
#endif

var folderTemplate = Array("/tmp/poolmap-record-benchmark-XXXXXX".utf8CString)
guard let made = mkdtemp(&folderTemplate) else { fail("cannot make a temporary folder") }
let folder = String(cString: made)
// Removed before exiting (`exit` runs no `defer`).
cleanUp = { run(["/bin/rm", "-rf", folder]) }

// CPython: the real interpreter, not a shim in front of it (pyenv's is two bash scripts).
guard let python3 = find(["python3"]) else { fail("no python3 on PATH") }
let pythonPath = folder + "/python-path"
run(["/bin/sh", "-c", "\"$0\" -c 'import sys; print(sys.executable)' > \"$1\"", python3, pythonPath], quiet: false)
let python = contents(pythonPath).split(separator: "\n").first.map(String.init) ?? python3
let pythonScript = "import random; random.seed(1); l = [str(random.random()) for _ in range(10**6)]; l.sort()"

// C++: compiled here.
guard let compiler = find(["clang++", "g++", "c++"]) else { fail("no clang++ or g++ on PATH") }
let mapSource = folder + "/map.cpp"
let mapProgram = folder + "/map"
save(
    """
    #include <cstdint>
    #include <map>
    int main() {
        std::map<std::uint64_t, std::uint64_t> entries;
        std::uint64_t state = 1, sum = 0;
        for (int index = 0; index < 1000000; index++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            entries[state >> 20] = index;
        }
        while (!entries.empty()) {
            sum += entries.begin()->second;
            entries.erase(entries.begin());
        }
        return sum == 42 ? 1 : 0;
    }

    """, to: mapSource)
guard run([compiler, "-O2", "-o", mapProgram, mapSource], quiet: false) == 0 else { fail("cannot compile map.cpp") }

struct Workload {
    var name: String
    var command: [String]
}

let workloads = [
    Workload(name: "python: sort 10^6 strings", command: [python, "-c", pythonScript]),
    Workload(
        name: "python, PYTHONMALLOC=malloc",
        command: ["/usr/bin/env", "PYTHONMALLOC=malloc", python, "-c", pythonScript]),
    Workload(name: "c++: std::map 10^6 fill+drain", command: [mapProgram]),
]

// The tracer, built now if the cache does not hold it (not part of any figure).
do {
    _ = try TracerBuilder.fromEnvironment().library()
} catch {
    fail("\(error)")
}

print("poolmap record overhead: median of \(runs) alternating runs each (seconds)")
print("python: \(python)")
print("c++: \(compiler) -O2")
print("")
let header = ["workload", "untraced", "traced", "ratio", "record", "ratio", "events", "trace MiB"]
print(header.joined(separator: " | "))
print(header.map { _ in "---" }.joined(separator: " | "))
var worst = 0.0
for workload in workloads {
    var plain: [Double] = []
    var traced: [Double] = []
    var whole: [Double] = []
    var events = 0
    var traceBytes = 0
    for _ in 0..<runs {
        let start = monotonicSeconds()
        if run(workload.command) != 0 { fail("\(workload.name) failed untraced") }
        plain.append(monotonicSeconds() - start)

        let output = folder + "/trace-\(traced.count).trace"
        let begin = monotonicSeconds()
        do {
            let session = try RecordSession(RecordRequest(command: workload.command, output: output))
            let running = monotonicSeconds()
            try session.run()
            traced.append(monotonicSeconds() - running)
            let recording = try session.writeTrace()
            whole.append(monotonicSeconds() - begin)
            events = recording.events
        } catch {
            fail("\(workload.name): \(error)")
        }
        var status = stat()
        if stat(output, &status) == 0 { traceBytes = Int(status.st_size) }
        unlink(output)
    }
    let ratio = median(traced) / median(plain)
    worst = max(worst, ratio)
    func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
    print(
        [
            workload.name, format(median(plain)), format(median(traced)), format(ratio) + "×",
            format(median(whole)), format(median(whole) / median(plain)) + "×", String(events),
            format(Double(traceBytes) / 1_048_576),
        ].joined(separator: " | "))
}
print("")
print("traced / untraced, worst: \(worst <= 3 ? "within" : "OVER") the 3× target")
cleanUp()
exit(worst <= 3 ? 0 : 1)
