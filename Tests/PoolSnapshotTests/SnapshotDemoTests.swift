import Foundation
import PoolScript
import Testing

@testable import PoolSnapshot

/// The `gpu-oom` demo: embedded byte for byte, read, as recorded to its OOM, with captions
/// where the story says, and its totals as `_memory_viz.py stats` prints them.
@Suite struct SnapshotDemoTests {
    static let demoPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../demos/gpu-oom.pickle").standardized.path

    @Test func theEmbeddedDemoIsTheFileByteForByte() throws {
        let demo = try #require(SnapshotDemos.named("gpu-oom"))
        #expect(
            demo.bytes == Array(try Data(contentsOf: URL(fileURLWithPath: Self.demoPath))),
            "demos/gpu-oom.pickle changed: run python3 scripts/embed-demos.py")
        #expect(SnapshotDemos.named("gpu-oom.pickle")?.name == "gpu-oom")
        #expect(SnapshotDemos.named("nope") == nil)
    }

    @Test func base64DecodesAsRFC4648Says() {
        #expect(SnapshotDemo.decodeBase64("TWFu") == Array("Man".utf8))
        #expect(SnapshotDemo.decodeBase64("TWE=") == Array("Ma".utf8))
        #expect(SnapshotDemo.decodeBase64("TQ==\n") == Array("M".utf8))
        #expect(SnapshotDemo.decodeBase64("") == [])
    }

    @Test func eachCaptionComesBeforeTheEventItSpeaksOf() throws {
        let demo = try #require(SnapshotDemos.named("gpu-oom"))
        let events = try demo.snapshot().deviceTraces[0]
        let expected: [Int: (TraceEvent.Action, String?)] = [
            1: (.segmentAlloc, "load_weights"), 65: (.segmentAlloc, "forward"), 70: (.alloc, "grow"),
            77: (.freeRequested, "forward"), 91: (.alloc, "grow"), 392: (.segmentFree, nil), 437: (.oom, nil),
        ]
        #expect(Set(demo.captions.keys) == Set(expected.keys))
        for (line, (action, function)) in expected {
            let event = events[line - 1]
            #expect(event.action == action, "line \(line)")
            if let function { #expect(event.frames.first?.name == function, "line \(line)") }
        }
        #expect(events.count == 437)
    }

    @Test func asRecordedItEndsInTheOOMTheStoryTells() throws {
        let demo = try #require(SnapshotDemos.named("gpu-oom"))
        var run = AsRecordedRun(snapshot: try demo.snapshot(), device: 0)
        var last: AsRecordedRun.Step?
        while let step = run.step() { last = step }
        #expect(
            last?.outcome
                == .failed(
                    "OOM: 0.55 GiB requested; 0.04 GiB free on the device; 5.52 GiB reserved but unallocated "
                        + "in 33 free blocks, the largest 0.46 GiB"))
        #expect(run.endDifference() == nil)
        let golden = try String(contentsOfFile: Fixture.path("memory-viz-stats/gpu-oom.txt"), encoding: .utf8)
        #expect(
            MemoryVizTotals(endOf: run).lines
                == golden.split(separator: "\n").filter { $0.hasPrefix("total_") }.map(String.init))
    }

    @Test func theCaptionsAreSaysBeforeTheirEventsInTheReplay() throws {
        let demo = try #require(SnapshotDemos.named("gpu-oom"))
        let replay = SnapshotReplay(snapshot: try demo.snapshot(), device: 0, fileName: demo.fileName)
        let captioned = demo.captioned(replay.script)
        #expect(captioned.statements.count == replay.script.statements.count + demo.captions.count)
        let says = captioned.statements.enumerated().filter { _, statement in
            if case .say(let text) = statement.action { return demo.captions[statement.line] == text }
            return false
        }
        #expect(says.count == demo.captions.count)
        for (index, say) in says { #expect(captioned.statements[index + 1].line == say.line) }
    }
}
