import Foundation
import Testing

@testable import PoolRecord

/// The refusals before COMMAND runs: each one clear, each one leaving nothing behind. (Running
/// programs is tested end to end, through the built poolmap: PoolmapEndToEndTests.)
@Suite struct RecordSessionTests {
    /// A builder that cannot build, nor make any folder: these errors must come before any build.
    static let noBuild: TracerBuilder = {
        let file = (try? Scratch.file("not-a-folder", "x")) ?? "/dev/null"
        return TracerBuilder(searchPath: file, cacheHome: file, home: nil, temporaryFolder: file)
    }()

    func refusal(_ command: [String], output: String? = nil) -> RecordError? {
        do {
            _ = try RecordSession(RecordRequest(command: command, output: output), builder: Self.noBuild)
            return nil
        } catch {
            return error
        }
    }

    @Test func noCommand() {
        let error = refusal([])
        guard case .noCommand = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(error?.exitCode == 64)
    }

    @Test func commandNotFound() {
        let error = refusal(["poolmap-no-such-command-\(getpid())"])
        #expect(error?.description == "poolmap-no-such-command-\(getpid()): command not found on PATH: nothing was run")
        #expect(error?.exitCode == 127)
        #expect(refusal(["/nonexistent/prog"])?.description == "/nonexistent/prog: no such file: nothing was run")
    }

    @Test func notExecutable() throws {
        let plain = try Scratch.file("plain", "#!/bin/sh\n")
        let error = refusal([plain, "arg"])
        #expect(error?.description == "\(plain) cannot be executed (Permission denied): nothing was run")
        #expect(error?.exitCode == 126)
        let folder = try Scratch.folder()
        #expect(refusal([folder])?.description == "\(folder) cannot be executed (it is a directory): nothing was run")
    }

    @Test func staticallyLinked() throws {
        let program = try Scratch.file("static", ElfImage.bytes(programHeaders: ElfImage.staticPIE), mode: 0o755)
        let error = refusal([program])
        #expect(error?.description.hasPrefix("\(program) is statically linked") == true)
        #expect(error?.description.contains("nothing could be recorded") == true)
        #expect(error?.exitCode == 1)
        let script = try Scratch.file("script", "#!\(program)\n", mode: 0o755)
        #expect(refusal([script])?.description.hasPrefix("\(program) is statically linked") == true)
    }

    @Test func outputNotWritable() throws {
        let folder = try Scratch.folder()
        let missing = folder + "/no/such/folder/out.trace"
        #expect(
            refusal(["/bin/sh"], output: missing)?.description
                == "cannot write the trace to \(missing) (no folder \(folder)/no/such/folder: No such "
                + "file or directory): nothing was run"
        )
        #expect(
            refusal(["/bin/sh"], output: folder)?.description
                == "cannot write the trace to \(folder) (it is a directory): nothing was run")
        #expect(refusal(["/bin/sh"], output: "")?.description.contains("an empty file name") == true)
        let file = try Scratch.file("file", "x")
        #expect(refusal(["/bin/sh"], output: file + "/under.trace")?.description.contains("Not a directory") == true)
        // Permission bits do not tell (root may write anywhere they allow): creating a file does.
        #expect(
            refusal(["/bin/sh"], output: "/proc/poolmap-test.trace")?.description
                == "cannot write the trace to /proc/poolmap-test.trace (cannot create files in /proc: No "
                + "such file or directory): nothing was run"
        )
        #expect(refusal(["/bin/sh"], output: "/proc/self")?.description.contains("it is a directory") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [], "nothing was created")
    }

    @Test func theBuildComesAfterTheChecks() {
        // Everything checked, then the tracer: with no compiler and no cache, that is the error.
        let error = refusal(["/bin/sh"], output: FileManager.default.temporaryDirectory.path + "/x.trace")
        guard case .tracer = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(error?.description.hasSuffix("Nothing was run.") == true)
    }
}

@Suite struct RecordingTests {
    func recording(_ path: String) -> Recording {
        var summary = TraceConverter.Summary()
        summary.events = 12
        summary.peakLiveBlocks = 3
        summary.peakLiveBytes = 4096
        return Recording(
            tracePath: path, summary: summary, exitCode: 0, signal: nil,
            raw: RawTrace.Header(capacity: 10, next: 12, full: true))
    }

    @Test func theSummaryLine() {
        #expect(
            recording("ls-42.trace").summaryLine
                == "poolmap: recorded 12 events (peak live: 3 blocks, 4096 bytes) in ls-42.trace; play "
                + "it: poolmap play ls-42.trace"
        )
        #expect(
            recording("ls-42.trace").warnings == ["the record file filled up after 10 records: the trace stops there"])
    }

    @Test func thePlayCommandReadsBackAsTyped() {
        #expect(recording("my trace.TRACE").playCommand == "poolmap play 'my trace.TRACE'")
        #expect(recording("out.txt").playCommand == "poolmap play --trace out.txt")
        #expect(recording("-x.rep").playCommand == "poolmap play ./-x.rep")
    }
}
