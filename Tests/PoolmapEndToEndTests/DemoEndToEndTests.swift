import Foundation
import Testing

/// `poolmap demo` and `poolmap play` without a terminal: listing, recording, exit statuses.
@Suite struct DemoEndToEndTests {
    @Test func listNamesEveryDemoWithADescription() throws {
        let result = try Poolmap.run(["demo", "--list"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("fragmentation     Fragmentation: a large allocation fails") == true)
        let names = Set(lines.map { String($0.prefix { $0 != " " }) })
        let files = Set(try Poolmap.demoFiles().map { String($0.dropFirst("demos/".count).prefix { $0 != "." }) })
        // The scripts and traces, then the snapshot demos (demos/*.pickle).
        let snapshots = try FileManager.default.contentsOfDirectory(
            atPath: PoolmapBinary.packageRoot.appendingPathComponent("demos").path
        ).filter { $0.hasSuffix(".pickle") }.map { String($0.dropLast(".pickle".count)) }
        #expect(snapshots == ["gpu-oom"])
        #expect(names == files.union(snapshots))
    }

    @Test func anUnknownDemoIsAUsageError() throws {
        let result = try Poolmap.run(["demo", "nope"])
        #expect(result.status == 64)
        #expect(result.error.contains("no demo named 'nope'; the demos are: fragmentation, alignment"))
    }

    @Test func recordingWithoutATerminalIsReproducibleByteForByte() throws {
        let folder = Poolmap.scratchFolder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let first = folder.appendingPathComponent("a.cast").path, second = folder.appendingPathComponent("b.cast").path
        let a = try Poolmap.run(["demo", "--record", first])
        let b = try Poolmap.run(["demo", "--record", second])
        #expect(a.status == 0 && b.status == 0, "\(a.error)")
        #expect(a.output.hasPrefix("recorded fragmentation.pool: "))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\"version\": 2, \"width\": 100, \"height\": 30}\n"))
        #expect(text.contains("\"m\", \"Defragment: every live block slides down"))
        // The example cast in the repository is this recording.
        let committed = PoolmapBinary.packageRoot.appendingPathComponent("demos/fragmentation.cast")
        if ProcessInfo.processInfo.environment["POOLMAP_RECORD_GOLDEN"] == "1" {
            try bytes.write(to: committed)
        }
        #expect(
            bytes == (try Data(contentsOf: committed)),
            "demos/fragmentation.cast is stale: poolmap demo --record demos/fragmentation.cast < /dev/null")
        // Another size and a file.
        let small = folder.appendingPathComponent("c.cast").path
        let sized = try Poolmap.run([
            "play", "demos/alignment.pool", "--record", small, "--width", "60", "--height", "16",
        ])
        #expect(sized.status == 0)
        #expect(
            try String(contentsOfFile: small, encoding: .utf8).hasPrefix(
                "{\"version\": 2, \"width\": 60, \"height\": 16}\n"))
    }

    @Test func headlessRecordingExitsLikeRun() throws {
        let script = try Poolmap.temporaryFile("err.pool", "pool 1K\nfree a\nalloc 5\n")
        let cast = script + ".cast"
        let result = try Poolmap.run(["play", script, "--record", cast])
        #expect(result.status == 1)
        #expect(
            result.error
                == "\(script):2: error: cannot free 'a': the name is not bound to a block: it was never allocated\n")
        #expect(FileManager.default.fileExists(atPath: cast))

        let syntax = try Poolmap.temporaryFile("syn.pool", "pool 1K\nallc 5\n")
        let bad = try Poolmap.run(["play", syntax, "--record", syntax + ".cast"])
        #expect(bad.status == 2)
        #expect(bad.error.contains("syn.pool:2:1: error: unknown statement 'allc'"))
        #expect(!FileManager.default.fileExists(atPath: syntax + ".cast"))

        let unwritable = try Poolmap.run(["demo", "--record", "/nonexistent/folder/x.cast"])
        #expect(unwritable.status == 1)
        #expect(unwritable.error.contains("cannot write /nonexistent/folder/x.cast"))

        for arguments in [
            ["--speed", "0"], ["--speed", "-1"], ["--speed", "fast"], ["--width", "5"], ["--width", "59"],
            ["--height", "0"], ["--height", "15"],
        ] {
            #expect(try Poolmap.run(["demo", "--record", "/tmp/x.cast"] + arguments).status == 64, "\(arguments)")
        }
    }

    @Test func playingWithoutATerminalRefusesClearly() throws {
        let result = try Poolmap.run(["demo"])
        #expect(result.status == 1)
        #expect(result.error.contains("not a terminal"))
        #expect(result.output.isEmpty)
        #expect(try Poolmap.run(["play", "/nonexistent.pool"]).status == 1)
    }
}
