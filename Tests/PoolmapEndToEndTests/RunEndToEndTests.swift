import Foundation
import Testing

/// Runs the built `poolmap` from the package root (so file names in output are `demos/…`).
enum Poolmap {
    struct Result {
        var status: Int32
        var output: String
        var error: String
        var outputBytes: Data
    }

    static func run(_ arguments: [String], input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PoolmapBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = PoolmapBinary.packageRoot
        // Standard error goes to a file, so neither stream can fill up and block the other.
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "poolmap-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let errData = try Data(contentsOf: errorURL)
        return Result(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self), outputBytes: outData)
    }

    /// The demo files, as paths relative to the package root: `demos/alignment.pool`, ….
    static func demoFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(
            atPath: PoolmapBinary.packageRoot.appendingPathComponent("demos").path
        )
        .filter { $0.hasSuffix(".pool") || $0.hasSuffix(".trace") }.sorted().map { "demos/" + $0 }
    }

    /// One folder for this test process's temporary files, removed when the process exits.
    static let scratchFolder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poolmap-tests-\(getpid())")
        atexit { try? FileManager.default.removeItem(at: Poolmap.scratchFolder) }
        return folder
    }()

    /// Writes `text` to a fresh temporary file named `name` and returns its path.
    static func temporaryFile(_ name: String, _ contents: Data) throws -> String {
        let folder = scratchFolder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        try temporaryFile(name, Data(text.utf8))
    }

    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return try #require(object as? [String: Any])
    }
}

/// Compares `actual` with the golden file `Golden/<name>`; `POOLMAP_RECORD_GOLDEN=1` rewrites it.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["POOLMAP_RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(
        actual == expected, "differs from Golden/\(name) (POOLMAP_RECORD_GOLDEN=1 re-records)",
        sourceLocation: sourceLocation)
}

@Suite struct RunEndToEndTests {
    @Test func everyDemoRunsToItsGoldenText() throws {
        let files = try Poolmap.demoFiles()
        #expect(files.count >= 6)
        for file in files {
            let result = try Poolmap.run(["run", file, "--width", "64"])
            #expect(result.status == 0, "\(file): \(result.error)")
            #expect(result.error == "")
            let lines = result.output.split(separator: "\n")
            let first = try #require(lines.first)
            if first.hasPrefix("rank") {
                // A demo that compares policies prints their ranking.
                #expect(lines.count >= 3, "\(file)")
            } else if first.hasPrefix("free-list heap · ") {
                // A demo ending in a heap scene: the heap's heading and map line.
                let map = try #require(lines.dropFirst().first)
                #expect(map.count == 64 && map.allSatisfy { "█▀▒░¦▏".contains($0) }, "\(file): \(map)")
            } else {
                // The heading names the policy and where the pool's size came from; the map follows.
                #expect(first.contains(" fit · ") && first.contains(" pool ("), "\(file): \(first)")
                let map = try #require(lines.dropFirst().first)
                #expect(map.count == 64 && map.allSatisfy { "█▒░".contains($0) }, "\(file): \(map)")
            }
            try expectGolden(result.output, "run/\(file.dropFirst("demos/".count)).txt")
        }
    }

    @Test func everyDemoGivesJSONAParserReads() throws {
        for file in try Poolmap.demoFiles() {
            let result = try Poolmap.run(["run", file, "--format", "json"])
            #expect(result.status == 0, "\(file)")
            var json = try Poolmap.json(result.output)
            if let policies = json["policies"] as? [[String: Any]] {
                // A demo that compares policies: one entry each, in ranking order.
                #expect(policies.count >= 2 && policies.allSatisfy { $0["stats"] is [String: Any] })
                json = try Poolmap.json(try Poolmap.run(["run", file, "--format", "json", "--policy", "first"]).output)
            }
            let stats = try #require(json["stats"] as? [String: Any])
            #expect(
                Set(stats.keys) == [
                    "total", "used", "free", "num_blocks", "fragmentation", "padding", "largest_free", "free_blocks",
                ])
            // The regions tile the pool in address order.
            let regions = try #require(json["regions"] as? [[String: Any]])
            var next = 0
            for region in regions {
                #expect(region["offset"] as? Int == next)
                next += try #require(region["size"] as? Int)
                #expect(["used", "free", "padding"].contains(region["kind"] as? String))
            }
            #expect(next == stats["total"] as? Int)
            let steps = try #require(json["steps"] as? [[String: Any]])
            #expect(!steps.isEmpty)
            for step in steps {
                #expect(step["line"] is Int)
                #expect(
                    ["pool", "heap", "alloc", "free", "defrag", "stats", "realloc"].contains(step["op"] as? String))
                #expect((step["result"] != nil) != (step["error"] != nil), "\(file): \(step)")
            }
        }
    }

    /// `run demos/classic-examples.pool --format json` shows every figure of the classic exercise.
    @Test func theSeedDocumentsFiguresAreInTheSteps() throws {
        let result = try Poolmap.run(["run", "demos/classic-examples.pool", "--format", "json"])
        let steps = try #require(try Poolmap.json(result.output)["steps"] as? [[String: Any]])
        func results(_ op: String) -> [Any] {
            steps.filter { $0["op"] as? String == op }.map { $0["result"] ?? NSNull() }
        }
        let allocs = steps.filter { $0["op"] as? String == "alloc" }
        let offsets = allocs.map { ($0["name"] as? String ?? "_", $0["result"] as? Int) }
        // alloc: 0, 256, 512, then None.
        #expect(offsets[0...3].map(\.1) == [0, 256, 512, nil])
        #expect(allocs[3]["message"] as? String == "alloc 512 B failed: only 256 B free")
        // free + coalesce: d = 0.
        #expect(offsets[4...7].map(\.0) == ["a", "b", "c", "d"] && offsets[7].1 == 0)
        // aligned: 0, then 256.
        #expect(offsets[8].1 == 0 && offsets[9].1 == 256 && allocs[9]["align"] as? Int == 256)
        // stats after three allocations of 256.
        let stats = try #require(results("stats").first as? [String: Any])
        #expect(stats["total"] as? Int == 1024 && stats["used"] as? Int == 768 && stats["free"] as? Int == 256)
        #expect(stats["num_blocks"] as? Int == 3 && stats["fragmentation"] as? Double == 0.0)
        #expect(result.output.contains("\"fragmentation\": 0.0,"))
        // defragment: {128: 0, 384: 128}.
        let mapping = try #require(results("defrag").first as? [String: Int])
        #expect(mapping == ["128": 0, "384": 128])
    }

    @Test func theMapLineHasExactlyTheWidthAsked() throws {
        let path = try Poolmap.temporaryFile(
            "w.pool", "pool 64KiB\na = alloc 1000\nb = alloc 3000 align 4096\nfree a\n")
        for width in [1, 20, 63, 64, 100, 157, 200] {
            let result = try Poolmap.run(["run", path, "--width", String(width)])
            let map = try #require(result.output.split(separator: "\n").dropFirst().first)
            #expect(map.count == width, "width \(width)")
            #expect(map.allSatisfy { "█▒░".contains($0) })
        }
        // Fewer characters only when the pool has fewer bytes than the width.
        let tiny = try Poolmap.temporaryFile("t.pool", "pool 10\nalloc 3\n")
        #expect(
            try Poolmap.run(["run", tiny, "--width", "64"]).output.hasPrefix(
                "first fit · 10 B pool (the script's pool statement)\n███░░░░░░░\n"))
    }

    @Test func exitStatuses() throws {
        let syntax = try Poolmap.temporaryFile("bad.pool", "pool 1K\nalloc abc\nfoo\n")
        let bad = try Poolmap.run(["run", syntax])
        #expect(bad.status == 2)
        #expect(bad.output == "")
        #expect(
            bad.error.hasSuffix(
                """
                bad.pool:2:7: error: 'abc' is not a size; sizes look like 256, 4KiB, 0x100 or 2M
                alloc abc
                      ^
                \(syntax):3:1: error: unknown statement 'foo'; expected 'pool', 'heap', 'alloc', 'free', 'defrag', 'stats', \
                'say', 'wait', 'random', 'compare' or 'NAME = alloc'
                foo
                ^
                2 errors in \(syntax)

                """))

        let runtime = try Poolmap.temporaryFile(
            "rt.pool", "pool 1K\na = alloc 10\na = alloc 20\nfree b\nfree 5\nfree a\nfree a\nalloc 2K\n")
        let errors = try Poolmap.run(["run", runtime])
        #expect(errors.status == 1)
        #expect(
            errors.error == """
                \(runtime):3: error: 'a' still holds the block at 0; free it before binding the name again (no \
                allocation was made)
                \(runtime):4: error: cannot free 'b': the name is not bound to a block: it was never allocated
                \(runtime):5: error: cannot free 5: offset 5 is inside a block but not at its start
                \(runtime):7: error: cannot free 'a': the name is not bound to a block: freed on line 6

                """)
        #expect(errors.output.contains("alloc 2048  → alloc 2 KiB failed: only 1 KiB free"))

        let missing = try Poolmap.run(["run", "/nonexistent/x.pool"])
        #expect(missing.status == 1)
        #expect(missing.error == "poolmap: cannot read /nonexistent/x.pool: No such file or directory\n")
        #expect(try Poolmap.run(["run", "demos"]).status == 1)
        // An endless input stops at its first NUL byte: a binary file, a syntax error.
        let endless = try Poolmap.run(["run", "/dev/zero"])
        #expect(endless.status == 2)
        #expect(endless.error.hasPrefix("/dev/zero:1:1: error: binary file: a NUL byte where text was expected\n"))
        let endlessTrace = try Poolmap.run(["run", "--trace", "/dev/zero"])
        #expect(endlessTrace.status == 2)
        #expect(endlessTrace.error.hasPrefix("/dev/zero:1:1: error: binary file: a NUL byte where text was expected\n"))

        for arguments in [
            ["--width", "0"], ["--width", "x"], ["--size", "0"], ["--size", "4kb"], ["--format", "xml"], ["--bogus"],
        ] {
            let usage = try Poolmap.run(["run", "demos/defrag.pool"] + arguments)
            #expect(usage.status == 64, "\(arguments)")
            #expect(usage.error.contains("Usage: poolmap run"), "\(arguments)")
        }
    }

    @Test func binaryAndNonUTF8FilesAreSyntaxErrors() throws {
        let binary = try Poolmap.temporaryFile("b.pool", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF]))
        let result = try Poolmap.run(["run", binary])
        #expect(result.status == 2)
        #expect(result.error.contains("b.pool:1:7: error: binary file: a NUL byte where text was expected"))
        let latin1 = try Poolmap.temporaryFile("l.trace", Data("a 1 10\nf 1 \u{0}".utf8.dropLast()) + Data([0xE9]))
        let trace = try Poolmap.run(["run", latin1])
        #expect(trace.status == 2)
        #expect(trace.error.contains("l.trace:2:5: error: not UTF-8 text: byte 0xE9"))
    }

    @Test func everyStepAsJSONLines() throws {
        let result = try Poolmap.run(["run", "demos/defrag.pool", "--format", "json", "--every"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        let whole = try Poolmap.json(try Poolmap.run(["run", "demos/defrag.pool", "--format", "json"]).output)
        #expect(lines.count == (whole["steps"] as? [Any])?.count)
        for line in lines {
            let object = try Poolmap.json(String(line))
            #expect(Set(object.keys) == ["step", "policy", "stats", "figures", "regions"])
        }
        let last = try Poolmap.json(String(lines.last!))
        #expect(last["stats"] as? NSDictionary == whole["stats"] as? NSDictionary)
        #expect(last["figures"] as? NSDictionary == whole["figures"] as? NSDictionary)
        let source = try String(
            contentsOf: PoolmapBinary.packageRoot.appendingPathComponent("demos/defrag.pool"), encoding: .utf8)
        let sayAndWait = source.split(separator: "\n").filter { $0.hasPrefix("say ") || $0.hasPrefix("wait ") }.count
        let text = try Poolmap.run(["run", "demos/defrag.pool", "--every", "--width", "32"])
        // One map per step, say and wait included.
        let maps = text.output.split(separator: "\n").filter { line in
            line.count == 32 && line.allSatisfy { "█▒░".contains($0) }
        }
        #expect(maps.count == lines.count + sayAndWait)
    }

    @Test func tracesReplayWithTheirOwnPoolSizeOrSize() throws {
        let result = try Poolmap.run(["run", "demos/awk-buckets.trace", "--format", "json"])
        let json = try Poolmap.json(result.output)
        #expect((json["stats"] as? [String: Any])?["total"] as? Int == 102_400)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count == 2514)
        #expect(steps.first?["id"] as? Int == 0 && steps.first?["op"] as? String == "alloc")
        let sized = try Poolmap.run(["run", "demos/awk-buckets.trace", "--size", "1MiB", "--format", "json"])
        #expect((try Poolmap.json(sized.output)["stats"] as? [String: Any])?["total"] as? Int == 1 << 20)
        // --trace reads any file as a trace; a .rep header is skipped; realloc semantics.
        let rep = try Poolmap.temporaryFile(
            "small.txt", "1000\n3\n5\n1\na 0 100\nr 0 200\nm 1 50 64\nf 1\nf 9\nf 2\na 2 5000\nf 2\nr 3 8\n")
        let replay = try Poolmap.run(["run", rep, "--trace", "--size", "1K", "--format", "json"])
        #expect(replay.status == 1)
        #expect(
            replay.error == """
                \(rep):9: error: cannot free id 9: it is not live (never allocated, or already freed)
                \(rep):10: error: cannot free id 2: it is not live (never allocated, or already freed)

                """)
        let replaySteps = try #require(try Poolmap.json(replay.output)["steps"] as? [[String: Any]])
        #expect(
            replaySteps[1]["op"] as? String == "realloc" && replaySteps[1]["offset"] as? Int == 0
                && replaySteps[1]["result"] as? Int == 100)
        // The hole the realloc left; `a 2 5000` fails; a free of an id whose allocation failed is
        // like free(NULL).
        #expect(replaySteps[2]["align"] as? Int == 64 && replaySteps[2]["result"] as? Int == 0)
        #expect(replaySteps[6]["result"] is NSNull && replaySteps[6]["message"] as? String != nil)
        #expect(replaySteps[7]["error"] == nil)
    }

    @Test func randomIsReproducibleFromItsSeed() throws {
        let seven = try Poolmap.temporaryFile("r7.pool", "pool 16KiB\nrandom 300 seed 7\n")
        let eight = try Poolmap.temporaryFile("r8.pool", "pool 16KiB\nrandom 300 seed 8\n")
        let a = try Poolmap.run(["run", seven, "--format", "json"]).output
        let b = try Poolmap.run(["run", seven, "--format", "json"]).output
        let c = try Poolmap.run(["run", eight, "--format", "json"]).output
        #expect(a == b)
        #expect(a != c)
        #expect((try Poolmap.json(a)["steps"] as? [Any])?.count == 301)
    }
}
