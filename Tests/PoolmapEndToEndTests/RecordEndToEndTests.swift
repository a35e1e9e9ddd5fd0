import Foundation
import Testing

/// `poolmap record` end to end: the built poolmap runs real programs with its tracer preloaded
/// (a private tracer cache per test process, built by the first recording), and the traces it
/// writes are checked event by event and replayed with `poolmap run`.
@Suite struct RecordEndToEndTests {
    // MARK: The exercise program

    @Test func theExerciseRecordsEveryInterposedCallAsExpected() throws {
        let path = PoolmapRecord.scratch("exercise.trace")
        let result = try PoolmapRecord.poolmap(["record", "-o", path, "--", try PoolmapRecord.exercise(), "all"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.outputText == "", "the exercise prints nothing")
        let trace = try Trace(path: path)
        #expect(trace.notes == [], "nothing left out, no address handed out twice")
        #expect(trace.header["exit"] == "status 0")
        #expect(trace.header["events"] == String(trace.operations.count))

        // The known sequence, between its markers, with ids as letters.
        #expect(try trace.knownSequence() == Self.knownSequence)

        // 4 threads × 10,000 allocations, every one freed.
        for size in 2000...2003 {
            let ids = trace.ids(allocatedWithSize: size)
            #expect(ids.count == 10_000, "size \(size)")
            #expect(ids.allSatisfy { trace.freed.contains($0) }, "size \(size)")
        }
        // The forked child (7777) and the program it execs (8888) are not traced; the parent's
        // block the child freed in its own copy (9991) is freed once, by the parent.
        #expect(trace.ids(allocatedWithSize: 7777).isEmpty)
        #expect(trace.ids(allocatedWithSize: 8888).isEmpty)
        let shared = trace.ids(allocatedWithSize: 9991)
        #expect(shared.count == 1 && shared.allSatisfy { trace.freed.contains($0) })
        // Frees after main returns: in an atexit handler (5556) and a destructor (5555).
        for size in [5555, 5556] {
            let ids = trace.ids(allocatedWithSize: size)
            #expect(ids.count == 1 && ids.allSatisfy { trace.freed.contains($0) }, "size \(size)")
        }
        // poolmap run replays it without a runtime error.
        let replay = try PoolmapRecord.poolmap(["run", path, "--width", "40"])
        #expect(replay.status == 0)
        #expect(replay.error == "")
    }

    /// malloc 777001 … malloc 777002 in the exercise, with ids as letters (PAGE: the page size).
    static let knownSequence = """
        a A 777001
        f A
        a B 1001
        a C 1010
        a D 1003
        r D 2003
        a E 1005
        r E 1340
        m F 1006 64
        m G 1024 128
        m H 1007 256
        m I 1008 PAGE
        m J PAGE PAGE
        m K 1011 32
        a L 1
        a M 1
        f L
        m N 1 16
        f B
        f C
        f D
        f E
        f F
        f G
        f H
        f I
        f J
        f K
        f M
        f N
        a O 777002
        f O
        """.replacingOccurrences(of: "PAGE", with: String(getpagesize()))

    @Test func threadsSharingOneArenaStillGetOneConsistentOrder() throws {
        // One arena and no per-thread caches: the threads hand each other's addresses out at
        // once, so a free recorded after its address came back would show here.
        let path = PoolmapRecord.scratch("arena.trace")
        let result = try PoolmapRecord.poolmap(
            ["record", "-o", path, "--", try PoolmapRecord.exercise(), "all"],
            environment: ["GLIBC_TUNABLES": "glibc.malloc.arena_max=1:glibc.malloc.tcache_count=0"])
        #expect(result.status == 0, "\(result.error)")
        let trace = try Trace(path: path)
        #expect(trace.notes == [])
        for size in 2000...2003 { #expect(trace.ids(allocatedWithSize: size).count == 10_000) }
    }

    @Test func dlsymAllocatingWhileTheTracerStartsIsServedFromItsBootstrapBuffer() throws {
        // The tracer's self test makes dlsym allocate while it looks up the real functions (on
        // glibc 2.36 the first lookups do not); those blocks must never reach the real free,
        // which would abort the program.
        let path = PoolmapRecord.scratch("bootstrap.trace")
        let result = try PoolmapRecord.poolmap(
            ["record", "-o", path, "--", try PoolmapRecord.exercise(), "all"],
            environment: ["POOLMAP_TRACER_SELFTEST": "dlsym"])
        #expect(result.status == 0, "\(result.error)")
        let trace = try Trace(path: path)
        #expect(trace.notes.contains { $0.contains("bytes from its bootstrap buffer") })
        // What the tracer's own lookups allocated outside the buffer, the program may free later:
        // frees of unknown memory, left out.
        #expect(trace.notes.allSatisfy { $0.contains("bootstrap buffer") || $0.contains("before the tracer started") })
        #expect(try trace.knownSequence() == Self.knownSequence)
    }

    @Test func anExecContinuesTheTrace() throws {
        let exercise = try PoolmapRecord.exercise()
        let path = PoolmapRecord.scratch("exec.trace")
        let result = try PoolmapRecord.poolmap(["record", "-o", path, "--", exercise, "exec"])
        #expect(result.status == 0, "\(result.error)")
        let trace = try Trace(path: path)
        let held = trace.ids(allocatedWithSize: 3333)
        #expect(held.count == 3)
        // After the exec comment: the blocks live at the exec are freed, then the new image's.
        let lines = trace.lines
        let exec = try #require(lines.firstIndex { $0.hasPrefix("# exec ") })
        #expect(lines[exec] == "# exec /proc/self/exe (\(exercise))")
        let after = lines[(exec + 1)...].filter { !$0.hasPrefix("#") }
        let frees = after.prefix { $0.hasPrefix("f ") }.compactMap { Int($0.dropFirst(2)) }
        #expect(Set(held).isSubset(of: Set(frees)))
        #expect(trace.ids(allocatedWithSize: 4444).count == 1)
        #expect(try PoolmapRecord.poolmap(["run", path]).status == 0)
    }

    @Test func crashesAndSignalsLeaveATraceAndTheirStatus() throws {
        let exercise = try PoolmapRecord.exercise()
        for (arguments, status, exit) in [
            (["signal", "9"], Int32(137), "killed by signal 9 (Killed)"),
            (["signal", "11"], 139, "killed by signal 11 (Segmentation fault)"),
            (["signal", "15"], 143, "killed by signal 15 (Terminated)"),
            (["exit", "3"], 3, "status 3"),
        ] {
            let path = PoolmapRecord.scratch("signal.trace")
            let result = try PoolmapRecord.poolmap(["record", "-o", path, "--", exercise] + arguments)
            #expect(result.status == status, "\(arguments)")
            let trace = try Trace(path: path)
            #expect(trace.header["exit"] == exit)
            #expect(trace.ids(allocatedWithSize: 6666).count == (arguments[0] == "exit" ? 1 : 3), "\(arguments)")
            #expect(result.error.hasPrefix("poolmap: recorded "), "\(arguments): \(result.error)")
        }
    }

    // MARK: Real programs

    @Test func pythonEndToEnd() throws {
        let path = PoolmapRecord.scratch("python.trace")
        let result = try PoolmapRecord.poolmap(["record", "-o", path, "--", "python3", "-c", "print(sum(range(10)))"])
        #expect(result.status == 0)
        #expect(result.output == Data("45\n".utf8), "standard output passes through byte for byte")
        let trace = try Trace(path: path)
        #expect(trace.lines.first == "# command: python3 -c 'print(sum(range(10)))'")
        #expect(trace.operations.count > 1000)
        #expect(trace.notes == [])
        #expect(
            result.error == """
                poolmap: recorded \(trace.operations.count) events (peak live: \(trace.header["peak_live_blocks"]!) \
                blocks, \(trace.header["peak_live_bytes"]!) bytes) in \(path); play it: poolmap play \(path)

                """)
        let replay = try PoolmapRecord.poolmap(["run", path, "--width", "40"])
        #expect(replay.status == 0)
        #expect(replay.error == "")
        // Its exit status, and its standard input.
        let failing = try PoolmapRecord.poolmap(
            ["record", "-o", PoolmapRecord.scratch("exit.trace"), "--", "python3", "-c", "import sys; sys.exit(5)"])
        #expect(failing.status == 5)
        let echo = try PoolmapRecord.poolmap(
            [
                "record", "-o", PoolmapRecord.scratch("stdin.trace"), "--", "python3", "-c",
                "import sys; sys.stdout.buffer.write(sys.stdin.buffer.read()[::-1])",
            ],
            input: Data([0x0A, 0x62, 0xFF, 0x00, 0x61]))
        #expect(echo.output == Data([0x61, 0x00, 0xFF, 0x62, 0x0A]))
    }

    @Test func theEnvironmentAndWorkingDirectoryAreUntouched() throws {
        let folder = PoolmapRecord.scratch("cwd")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let environment = [
            "PATH": "/usr/bin:/bin", "ODD": "two words\nand a line", "EMPTY": "",
            "LD_PRELOAD": "libm.so.6",
        ]
        let result = try PoolmapRecord.poolmap(
            ["record", "-o", PoolmapRecord.scratch("env.trace"), "--", "/usr/bin/env", "-0"], environment: environment,
            replacingEnvironment: true)
        #expect(result.status == 0, "\(result.error)")
        var seen = Set(result.outputText.split(separator: "\0").map(String.init))
        let preload = try #require(seen.first { $0.hasPrefix("LD_PRELOAD=") })
        #expect(preload.hasPrefix("LD_PRELOAD=\(PoolmapRecord.cacheFolder)/poolmap/poolmap-tracer-"))
        #expect(preload.hasSuffix(".so:libm.so.6"), "the tracer first, then what was there")
        seen.remove(preload)
        let raw = try #require(seen.first { $0.hasPrefix("POOLMAP_RECORD_RAW=") })
        seen.remove(raw)
        var expected = Set(environment.filter { $0.key != "LD_PRELOAD" }.map { "\($0.key)=\($0.value)" })
        expected.insert("XDG_CACHE_HOME=\(PoolmapRecord.cacheFolder)")
        #expect(seen == expected)

        let directory = try PoolmapRecord.poolmap(
            ["record", "-o", PoolmapRecord.scratch("pwd.trace"), "--", "/bin/pwd"],
            directory: folder)
        #expect(directory.outputText == folder + "\n")
    }

    @Test func theDefaultFileIsNamePidInTheWorkingDirectory() throws {
        let folder = PoolmapRecord.scratch("default")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try PoolmapRecord.poolmap(
            ["record", "--", try PoolmapRecord.exercise(), "exit", "0"], directory: folder)
        #expect(result.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1)
        let name = try #require(files.first)
        #expect(name.hasPrefix("tracer-exercise-") && name.hasSuffix(".trace"))
        #expect(Int(name.dropFirst("tracer-exercise-".count).dropLast(".trace".count)) != nil)
        #expect(result.error.hasSuffix(" in \(name); play it: poolmap play \(name)\n"))
    }

    // MARK: Errors

    @Test func everyRefusalIsClearAndChangesNothing() throws {
        let folder = PoolmapRecord.scratch("refusals")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let marker = folder + "/MARKER"
        let plain = folder + "/plain"
        try Data("#!/bin/sh\ntouch \(marker)\n".utf8).write(to: URL(fileURLWithPath: plain))
        var cases: [(arguments: [String], status: Int32, message: String)] = [
            ([], 64, "no COMMAND to record"),
            (["--"], 64, "no COMMAND to record"),
            (["--bogus", "ls"], 64, "unknown option '--bogus'"),
            (["--", "poolmap-no-such-command"], 127, "poolmap-no-such-command: command not found on PATH"),
            (["--", plain], 126, "\(plain) cannot be executed (Permission denied): nothing was run"),
            (
                ["-o", folder + "/missing/out.trace", "--", "/usr/bin/touch", marker], 1,
                "cannot write the trace to \(folder)/missing/out.trace (no folder"
            ),
            (["-o", folder, "--", "/usr/bin/touch", marker], 1, "(it is a directory): nothing was run"),
        ]
        if FileManager.default.isExecutableFile(atPath: "/sbin/ldconfig") {
            cases.append(
                (
                    ["--", "/sbin/ldconfig", "-p"], 1,
                    "/sbin/ldconfig is statically linked: its allocator is built in where LD_PRELOAD "
                        + "cannot reach it, so nothing could be recorded"
                ))
        }
        for (arguments, status, message) in cases {
            let result = try PoolmapRecord.poolmap(["record"] + arguments, directory: folder)
            #expect(result.status == status, "\(arguments)")
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
            #expect(result.output.isEmpty, "\(arguments)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["plain"], "no file, no marker")
    }

    @Test func helpTellsATraceFromACast() throws {
        func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let record = flat(try PoolmapRecord.poolmap(["record", "--help"]).outputText)
        #expect(record.contains("record its allocations as a trace (not a cast: see --record on play)"))
        #expect(record.contains("USAGE: poolmap record [-o <file>] [--play] -- <command> [<argument> ...]"))
        for command in ["play", "demo"] {
            let help = flat(try PoolmapRecord.poolmap([command, "--help"]).outputText)
            #expect(help.contains("asciinema v2 cast (the screen, not a trace: `poolmap record` makes traces)"))
        }
        let top = flat(try PoolmapRecord.poolmap(["--help"]).outputText)
        #expect(top.contains("record Run a program and record its allocations as a trace"))
    }

    // MARK: In a terminal

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func playOpensThePlayerAndCtrlCEndsOnlyTheProgram() throws {
        let exercise = try PoolmapRecord.exercise()
        let path = PoolmapRecord.scratch("play.trace")
        var environment = TmuxSession.standardEnvironment
        environment["XDG_CACHE_HOME"] = PoolmapRecord.cacheFolder
        let session = try TmuxSession(
            [PoolmapBinary.path, "record", "--play", "-o", path, "--", exercise, "exit", "0"],
            environment: environment)
        try session.waitFor(text: "poolmap play — \(path)")
        try quitAndCheckRestored(session)

        // ^C goes to the program; poolmap outlives it, writes the trace, and exits 130.
        let interrupted = PoolmapRecord.scratch("interrupted.trace")
        let sleeper = try TmuxSession(
            [PoolmapBinary.path, "record", "-o", interrupted, "--", exercise, "wait"],
            environment: environment)
        Thread.sleep(forTimeInterval: 0.3)
        try sleeper.send("C-c")
        let exit = try sleeper.waitForExit()
        #expect(exit.status == 130)
        #expect(exit.screen.contains("poolmap: recorded "))
        #expect(try Trace(path: interrupted).header["exit"] == "killed by signal 2 (Interrupt)")
    }
}

/// Running the built poolmap for these tests, and the programs they record.
enum PoolmapRecord {
    struct Outcome {
        var status: Int32
        var output: Data
        var error: String
        var outputText: String { String(decoding: output, as: UTF8.self) }
    }

    static let scratchFolder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poolmap-record-e2e-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: PoolmapRecord.scratchFolder) }
        return folder
    }()

    /// A fresh path in the scratch folder, ending in `name`.
    static func scratch(_ name: String) -> String {
        scratchFolder.appendingPathComponent("\(UUID().uuidString.prefix(8))-\(name)").path
    }

    /// The tracer cache of this test process: the first recording builds the tracer into it.
    static let cacheFolder = scratchFolder.appendingPathComponent("cache").path

    /// The exercise program (Tests/PoolRecordTests/Fixtures/tracer-exercise.c), compiled once
    /// without optimisation or builtins, so every call in it stays a call.
    static func exercise() throws -> String { try compiledExercise.get() }

    private static let compiledExercise: Result<String, Error> = Result {
        let source = PoolmapBinary.packageRoot.appendingPathComponent(
            "Tests/PoolRecordTests/Fixtures/tracer-exercise.c")
        let output = scratchFolder.appendingPathComponent("tracer-exercise").path
        let compiler = ["clang", "cc"].first { name in
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
            }
        }
        guard let compiler else { throw TmuxSession.Failure(description: "no clang or cc to compile the exercise") }
        let result = try TmuxSession.run(
            [compiler, "-O0", "-fno-builtin", "-pthread", "-w", "-o", output, source.path])
        guard result.status == 0 else { throw TmuxSession.Failure(description: "cannot compile: \(result.error)") }
        return output
    }

    /// Runs poolmap with `arguments` from the package root (or `directory`), with `environment`
    /// added to this process's (or instead of it) and the test cache, `input` on its standard
    /// input, and no signals blocked or ignored.
    static func poolmap(
        _ arguments: [String], environment: [String: String] = [:], replacingEnvironment: Bool = false,
        directory: String? = nil, input: Data = Data()
    ) throws -> Outcome {
        var variables = replacingEnvironment ? [:] : ProcessInfo.processInfo.environment
        variables.merge(environment) { $1 }
        variables["XDG_CACHE_HOME"] = cacheFolder
        let inputPath = scratch("stdin")
        let outputPath = scratch("stdout")
        let errorPath = scratch("stderr")
        try input.write(to: URL(fileURLWithPath: inputPath))
        defer {
            for path in [inputPath, outputPath, errorPath] { try? FileManager.default.removeItem(atPath: path) }
        }
        // env -C: the working directory, without a shell in between.
        let command =
            ["/usr/bin/env", "-C", directory ?? PoolmapBinary.packageRoot.path, PoolmapBinary.path] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = command.map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TmuxSession.Failure(description: "cannot run poolmap: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw TmuxSession.Failure(description: "waitpid failed: \(errno)") }
        }
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(
            status: code, output: (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data(),
            error: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }
}

/// A recorded trace, read back: its header, its operations, checked for consistency as it is
/// read (every `f` and `r` names a live id; an `a` or `m` never names one).
struct Trace {
    enum Operation: Equatable {
        case alloc(id: Int, size: Int, alignment: Int?)
        case free(id: Int)
        case realloc(id: Int, size: Int)
    }

    var lines: [String]
    var header: [String: String] = [:]
    var notes: [String] = []
    var operations: [Operation] = []
    var freed: Set<Int> = []
    var sizes: [Int: Int] = [:]

    init(path: String) throws {
        lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        var live: Set<Int> = []
        for line in lines {
            if line.hasPrefix("# note: ") {
                notes.append(String(line.dropFirst(8)))
            } else if line.hasPrefix("# "), let colon = line.firstIndex(of: ":"), operations.isEmpty {
                header[String(line[line.index(line.startIndex, offsetBy: 2)..<colon])] =
                    String(line[line.index(after: colon)...].dropFirst())
            }
            guard !line.hasPrefix("#") else { continue }
            let words = line.split(separator: " ").map(String.init)
            let numbers = words.dropFirst().compactMap { Int($0) }
            guard numbers.count == words.count - 1, let id = numbers.first else {
                throw TmuxSession.Failure(description: "not a trace line: \(line)")
            }
            switch (words[0], numbers.count) {
            case ("a", 2), ("m", 3):
                guard live.insert(id).inserted else { throw TmuxSession.Failure(description: "\(line): id is live") }
                operations.append(.alloc(id: id, size: numbers[1], alignment: numbers.count == 3 ? numbers[2] : nil))
                sizes[id] = numbers[1]
            case ("f", 1):
                guard live.remove(id) != nil else { throw TmuxSession.Failure(description: "\(line): not live") }
                operations.append(.free(id: id))
                freed.insert(id)
            case ("r", 2):
                guard live.contains(id) else { throw TmuxSession.Failure(description: "\(line): not live") }
                operations.append(.realloc(id: id, size: numbers[1]))
            default:
                throw TmuxSession.Failure(description: "not a trace line: \(line)")
            }
        }
    }

    /// The ids first allocated with `size`.
    func ids(allocatedWithSize size: Int) -> [Int] {
        operations.compactMap { if case .alloc(let id, size, _) = $0 { id } else { nil } }
    }

    /// The operations from the `a … 777001` marker to the `f` of the `a … 777002` one, with ids
    /// renamed A, B, C… in order of appearance.
    func knownSequence() throws -> String {
        let start = try #require(operations.firstIndex { if case .alloc(_, 777001, _) = $0 { true } else { false } })
        let end = try #require(operations.firstIndex { if case .alloc(_, 777002, _) = $0 { true } else { false } })
        var names: [Int: String] = [:]
        func name(_ id: Int) -> String {
            if let known = names[id] { return known }
            let letter = String(UnicodeScalar(UInt8(65 + names.count % 26)))
            names[id] = letter
            return letter
        }
        return operations[start...(end + 1)].map { operation in
            switch operation {
            case .alloc(let id, let size, nil): return "a \(name(id)) \(size)"
            case .alloc(let id, let size, let alignment?): return "m \(name(id)) \(size) \(alignment)"
            case .free(let id): return "f \(name(id))"
            case .realloc(let id, let size): return "r \(name(id)) \(size)"
            }
        }.joined(separator: "\n")
    }
}
