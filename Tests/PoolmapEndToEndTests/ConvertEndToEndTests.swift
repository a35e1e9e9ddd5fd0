import Foundation
import Testing

/// `poolmap convert` and the input formats every command reads: detection, `--input-format`,
/// mtrace logs, malloc-lab corner traces and PyTorch snapshots; round trips.
@Suite struct ConvertEndToEndTests {
    /// An mtrace log as glibc writes it (hand-copied shape: callers, a failed malloc, a realloc).
    static let mtrace = """
        = Start
        @ ./prog:(main+17)[0x11ad] + 0x55d8ce3cd4a0 0x64
        @ ./prog:(main+2a)[0x11c0] + 0x55d8ce3cd510 0xc8
        @ ./prog:(main+3f)[0x11d5] < 0x55d8ce3cd4a0
        @ ./prog:(main+3f)[0x11d5] > 0x55d8ce3cd5e0 0x3e8
        @ ./prog:(main+78)[0x120e] + (nil) 0x7fffffffffffffff
        @ ./prog:[0x124c] + 0x55d8ce3cd4a0 0
        @ ./prog:(main+c6)[0x125c] - 0x55d8ce3cd510
        = End

        """

    static let snapshot = "Tests/PoolSnapshotTests/Fixtures/actions-p4.pickle"

    /// The final state of `run`: its map, legend and stats lines (the heading names the file).
    static func finalState(_ arguments: [String]) throws -> String {
        let result = try Poolmap.run(["run"] + arguments + ["--width", "48", "--events", "0"])
        #expect(result.status == 0, "\(result.error)")
        return result.output.split(separator: "\n").dropFirst().prefix(4).joined(separator: "\n")
    }

    @Test func anMtraceLogRunsConvertsAndRoundTrips() throws {
        let log = try Poolmap.temporaryFile("prog.log", Self.mtrace)
        let converted = try Poolmap.run(["convert", log])
        #expect(converted.status == 0, "\(converted.error)")
        let tracePath = String(log.dropLast(4)) + ".trace"
        #expect(converted.error == "poolmap: wrote \(tracePath)\n")
        let trace = try String(contentsOfFile: tracePath, encoding: .utf8)
        #expect(
            trace == """
                # source: \(log)
                # format: mtrace (a glibc mtrace log)
                # events: 5
                # peak_live_bytes: 1300
                # peak_live_blocks: 3
                # note: mtrace does not log alignment: memalign, posix_memalign and aligned_alloc read as malloc
                # note: 1 failed allocations (NULL returned) are left out, as record leaves them out
                a 0 100  # at ./prog:(main+17)
                a 1 200  # at ./prog:(main+2a)
                r 0 1000
                a 2 1  # at ./prog:[0x124c]
                f 1

                """)
        #expect(try Self.finalState([log]) == Self.finalState([tracePath]))
        // Not again unless --force; -o - writes standard output.
        let again = try Poolmap.run(["convert", log])
        #expect(again.status == 1 && again.error.contains("exists; --force overwrites it"))
        #expect(try Poolmap.run(["convert", log, "--force"]).status == 0)
        let out = try Poolmap.run(["convert", log, "-o", "-"])
        #expect(out.status == 0 && out.output == trace)
    }

    @Test func malloclabCornerTracesRunAndRoundTrip() throws {
        let rep = try Poolmap.temporaryFile(
            "corners.rep", "0\n5\n9\n0\nf -1\na 1 1\na 2 52428800\nr 3 10\na 4 100\nr 4 200\nr 4 0  \nf 2\nr 1 0\n")
        let state = try Self.finalState([rep])
        #expect(state.contains("blocks 1 "))
        let out = try Poolmap.temporaryFile("corners.trace", "")
        try FileManager.default.removeItem(atPath: out)
        #expect(try Poolmap.run(["convert", rep, "-o", out]).status == 0)
        #expect(try Self.finalState([out]) == state)
    }

    @Test func aSnapshotReplaysInEveryCommandAndConverts() throws {
        let run = try Poolmap.run(["run", Self.snapshot, "--replay", "--width", "40"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("first fit · 839.19 MiB (879,964,979 B) pool (the device's capacity at an OOM)"))
        // The ranking, then PyTorch's own row: its OOMs, peak reserved (high water) and peak
        // allocated (peak live); unranked, the columns it has no figure for dashed.
        let compare = try Poolmap.run(["compare", Self.snapshot, "--format", "json"])
        #expect(compare.status == 0)
        #expect(
            compare.output.hasSuffix(
                "\"as_recorded\": {\"name\": \"as recorded (PyTorch)\", \"failed_allocs\": 1, "
                    + "\"peak_reserved\": 23068672, \"peak_allocated\": 6291456}}\n"))
        let ranked = try Poolmap.run(["compare", Self.snapshot, "--policies", "first,best"])
        #expect(ranked.status == 0 && ranked.output.contains("1     first fit"))
        #expect(
            ranked.output.hasSuffix(
                "–     as recorded (PyTorch)  1              22 MiB      –                   –                  "
                    + "         –            6 MiB      –            –\n"))
        let converted = try Poolmap.run(["convert", Self.snapshot, "-o", "-"])
        #expect(converted.status == 0)
        #expect(converted.output.hasPrefix("# source: \(Self.snapshot)\n# format: snapshot"))
        #expect(converted.output.contains("a 0 2097152  # at train.py:42:forward\n"))
        let trace = try Poolmap.temporaryFile("snap.trace", converted.output)
        #expect(
            try Self.finalState([Self.snapshot, "--size", "879964979"])
                == Self.finalState([trace, "--size", "879964979"]))
        // Two devices: choose one; a wrong one is a usage error naming the devices.
        let two = "Tests/PoolSnapshotTests/Fixtures/two-devices-p5.pickle"
        let ambiguous = try Poolmap.run(["run", two])
        #expect(ambiguous.status == 64 && ambiguous.error.contains("choose one with --device N"))
        #expect(try Poolmap.run(["run", two, "--device", "1"]).status == 0)
        let missing = try Poolmap.run(["convert", two, "--device", "7", "-o", "-"])
        #expect(missing.status == 64 && missing.error.contains("the snapshot has no device 7"))
        // An object-constructing or truncated pickle: one clear error, exit 2.
        let truncated = try Poolmap.temporaryFile("cut.pickle", Data([0x80, 0x04, 0x95]))
        let cut = try Poolmap.run(["play", truncated])
        #expect(cut.status == 2 && cut.error.hasPrefix("poolmap: \(truncated): "))
    }

    @Test func theFormatIsDetectedOrForced() throws {
        let log = try Poolmap.temporaryFile("events.txt", Self.mtrace)
        #expect(try Poolmap.run(["run", log, "--events", "0"]).status == 0)  // content, not name
        let forced = try Poolmap.run(["run", log, "--input-format", "trace"])
        #expect(forced.status == 2 && forced.error.contains("unknown trace operation '='"))
        let contradiction = try Poolmap.run(["run", log, "--trace", "--input-format", "mtrace"])
        #expect(contradiction.status == 64 && contradiction.error.contains("contradicts --input-format mtrace"))
        let script = try Poolmap.run(["convert", "demos/first-fit.pool", "-o", "-"])
        #expect(script.status == 64 && script.error.contains("is read as a .pool script, not a trace"))
        let bad = try Poolmap.run(["run", log, "--input-format", "elf"])
        #expect(bad.status == 64 && bad.error.contains("pool"))
    }
}
