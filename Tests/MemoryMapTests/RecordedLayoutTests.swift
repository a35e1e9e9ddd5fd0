import PoolAllocator
import Testing

@testable import MemoryMap

/// A recorded layout over the map: pending blocks, unreserved bytes and segment starts in their
/// own glyphs and styles, and their legend.
@Suite struct RecordedLayoutTests {
    /// 1 KiB at 16 bytes a cell: a segment over 0..<512 holding a pending block at 32 and a
    /// block at 256, another segment from 768; 512..<768 unreserved.
    static func model(monochrome: Bool = false) throws -> ScreenModel {
        var pool = try MemoryPool(totalSize: 1024)
        try pool.place(64, at: 32)
        try pool.place(128, at: 256)
        var model = ScreenModel(pool: pool, monochrome: monochrome)
        model.recordedLayout = RecordedLayout(
            pending: [32..<96], unreserved: [512..<768],
            segments: [.init(offsets: 0..<512, label: "0x1000 512 B small"), .init(offsets: 768..<1024, label: "b")])
        return model
    }

    @Test func eachCellShowsWhatTheLayoutSaysOfIt() throws {
        let painter = MapCellPainter(model: try Self.model())
        let geometry = MapGeometry(totalSize: 1024, viewport: .fit, rows: 1, columns: 64)
        let cells = painter.cells(of: geometry, from: 0, count: 64)
        let glyphs = String(cells.map(\.character))
        #expect(
            glyphs == "▎░▚▚▚▚░░░░░░░░░░████████░░░░░░░░" + String(repeating: "·", count: 16) + "▎"
                + String(repeating: "░", count: 15))
        #expect(cells[0].style == .segmentStart)
        #expect(cells[2].style == .pendingFree)
        #expect(cells[16].style == .used(alternate: true))  // the second block: neighbours alternate
        #expect(cells[32].style == .unreserved)
        #expect(cells[49].style == .free)
    }

    @Test func withoutALayoutNothingChanges() throws {
        var model = try Self.model()
        model.recordedLayout = nil
        let cells = MapCellPainter(model: model).cells(
            of: MapGeometry(totalSize: 1024, viewport: .fit, rows: 1, columns: 64), from: 0, count: 64)
        #expect(!cells.contains { [.pendingFree, .unreserved, .segmentStart].contains($0.style) })
    }

    @Test func theLegendNamesTheRecordedGlyphs() throws {
        let grid = ScreenRenderer.render(try Self.model(monochrome: true), width: 100, height: 30)
        #expect(grid.text.contains("█▓ used ▚ pend ░ free · unres ▎ seg"))
        let plain = ScreenRenderer.render(ScreenModel(pool: try MemoryPool(totalSize: 1024)), width: 100, height: 30)
        #expect(plain.text.contains("█ used ▒ pad ░ free"))
        #expect(!plain.text.contains("unres"))
    }
}
