import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `poolmap run` streams: its memory follows the pool, not the length of the trace. Not a timing
/// test: it compares the peak memory of two runs of the same churn, one ten times longer.
@Suite struct RunMemoryTests {
    /// A churn trace of `events` events with at most 16 live blocks.
    static func churn(events: Int) throws -> String {
        var lines = ["# churn, at most 16 live blocks"]
        lines.reserveCapacity(events + 1)
        var live: [Int] = [], next = 0
        var state: UInt64 = 3
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<events {
            if !live.isEmpty, live.count >= 16 || random(2) == 0 {
                let index = random(live.count)
                lines.append("f \(live[index])")
                live.swapAt(index, live.count - 1)
                live.removeLast()
            } else {
                lines.append("a \(next) \(16 + random(4000))")
                live.append(next)
                next += 1
            }
        }
        return try Poolmap.temporaryFile("churn-\(events).trace", lines.joined(separator: "\n") + "\n")
    }

    /// Runs the built `poolmap` with `arguments`, its output thrown away; its peak resident
    /// memory in KiB, as the kernel reports it for that process (`VmHWM` in /proc, read while it
    /// runs: `wait4`'s figure would include the test runner's own, inherited through the spawn).
    static func peakKiB(_ arguments: [String]) throws -> Int {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let all = [PoolmapBinary.path] + arguments
        var argv: [UnsafeMutablePointer<CChar>?] = all.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, PoolmapBinary.path, &actions, nil, &argv, environ) == 0 else {
            throw CocoaError(.executableLoad)
        }
        var peak = 0
        var status: Int32 = 0
        while true {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
            {
                peak = max(peak, kib)
            }
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(2000)
        }
        #expect(status == 0, "poolmap \(arguments.joined(separator: " ")) failed")
        return peak
    }

    @Test func memoryDoesNotGrowWithTheTrace() throws {
        let short = try Self.churn(events: 20_000), long = try Self.churn(events: 200_000)
        for format in ["text", "json"] {
            let shortPeak = try Self.peakKiB(["run", short, "--format", format])
            let longPeak = try Self.peakKiB(["run", long, "--format", format])
            // 180,000 more events: a runner that kept anything per event (a step is ~100 bytes)
            // would need well over 10 MiB more.
            #expect(longPeak - shortPeak < 6 * 1024, "\(format): \(shortPeak) KiB, then \(longPeak) KiB")
            #expect(longPeak < 100 * 1024, "\(format): \(longPeak) KiB")
        }
    }
}
