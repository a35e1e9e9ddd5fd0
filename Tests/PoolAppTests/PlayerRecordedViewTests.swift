import MemoryMap
import PoolAllocator
import Testing

@testable import PoolApp
@testable import PoolScript

/// A player holding a `RecordedView` draws its layout over the map and its panel in place of
/// the stats, at the position it stands.
@Suite struct PlayerRecordedViewTests {
    /// Pending from the second step on: the first block; the upper half never reserved.
    struct HalfReserved: RecordedView {
        func layout(of pool: MemoryPool, afterSteps position: Int) -> RecordedLayout {
            RecordedLayout(
                pending: position >= 2 ? [0..<256] : [], unreserved: [2048..<4096],
                segments: [.init(offsets: 0..<2048, label: "s")])
        }

        func panel(
            of pool: MemoryPool, afterSteps position: Int, selectedOffset: Int?, callSite: String?
        ) -> [PanelText] {
            [PanelText("As recorded", .title), PanelText("after \(position) steps")]
        }

        func figuresLine(of pool: MemoryPool, afterSteps position: Int) -> String { "reserved half" }
    }

    @Test func thePlayerDrawsTheLayoutAndThePanelOfItsPosition() throws {
        let script = Script(
            kind: .trace, fileName: "r.trace",
            statements: [
                Statement(line: 1, action: .tracePlace(id: 0, size: 256, offset: 0)),
                Statement(line: 2, action: .tracePlace(id: 1, size: 256, offset: 1024)),
                Statement(line: 3, action: .recordedFailure(size: 4096, message: "OOM: it did not fit")),
            ])
        var state = try PlayerState(script: script, poolSize: 4096, paused: true)
        state.recordedView = HalfReserved()
        _ = state.reduce(.character("n"))
        var model = state.screenModel
        #expect(model.recordedLayout?.pending == [])
        #expect(model.sidePanel?.last == PanelText("after 1 steps"))
        _ = state.reduce(.character("n"))
        model = state.screenModel
        #expect(model.recordedLayout?.pending == [0..<256])
        #expect(model.pool.block(at: 1024) != nil)
        let grid = state.view(width: 100, height: 30)
        #expect(grid.text.contains("As recorded"))
        #expect(grid.text.contains("▚"))
        #expect(grid.text.contains("·"))
        // The recorded failure is a failure of the run: on the timeline, and in the log.
        _ = state.reduce(.character("n"))
        #expect(state.timeline.overview.failures.count == 1)
        #expect(state.view(width: 100, height: 30).text.contains("OOM: it did not fit"))
    }

    @Test func aComparisonShowsTheRecordedBandFirstAndRanksOnlyThePolicies() throws {
        let recorded = Script(
            kind: .trace, fileName: "r.trace",
            statements: [
                Statement(line: 1, action: .tracePlace(id: 0, size: 1024, offset: 2048)),
                Statement(line: 2, action: .recordedFailure(size: 4096, message: "OOM: it did not fit")),
            ])
        let replayed = Script(
            kind: .trace, fileName: "r.trace",
            statements: [
                Statement(line: 1, action: .traceAlloc(id: 0, size: 1024, alignment: nil)),
                Statement(line: 2, action: .say("as recorded, OOM: it did not fit")),
            ])
        var state = try CompareState(
            script: replayed, policies: [.first, .best], poolSize: 4096, paused: true,
            recorded: CompareState.RecordedBand(script: recorded, poolSize: 4096, view: HalfReserved()))
        #expect(state.bands.count == 3)
        _ = state.reduce(.character("n"))
        _ = state.reduce(.character("n"))
        let model = state.screenModel
        #expect(model.bands.map(\.name) == ["as recorded", "first fit", "best fit"])
        #expect(model.bands[0].figuresText == "reserved half  failed 1")
        #expect(model.bands[0].recordedLayout?.unreserved == [2048..<4096])
        #expect(model.bands[1].failedAllocations == 0)
        #expect(state.ranking.map(\.policy) == [.first, .best])
        #expect(model.bands.map(\.rank) == [nil, 1, 2])
        #expect(model.log.map(\.text).contains { $0.contains("recorded failed: it did not fit") })
        #expect(state.view(width: 60, height: 16).text.contains("as recorded"))
    }
}
