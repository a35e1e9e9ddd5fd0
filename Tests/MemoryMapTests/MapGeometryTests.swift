import Testing

@testable import MemoryMap

@Suite("Map geometry: fit, zoom, scroll")
struct MapGeometryTests {
    @Test func aSpreadFitCoversEveryCell() {
        let geometry = MapGeometry(totalSize: 1000, viewport: .fit, rows: 4, columns: 10, spread: true)
        #expect(geometry.isFit)
        #expect(geometry.cellCount == 40)
        #expect(geometry.range(ofCell: 0) == 0..<25)
        #expect(geometry.range(ofCell: 39) == 975..<1000)
        #expect(geometry.rowStart(1) == 250)
        #expect(geometry.cell(holding: 999) == 39)
        #expect(geometry.bytesPerCell == 25)
    }

    /// A fit gives every cell a power of two of bytes, so rows step by round offsets as
    /// `xxd`'s do (with a power-of-two number of columns, which the screen layout gives).
    @Test func aFitHasAPowerOfTwoOfBytesPerCell() {
        let geometry = MapGeometry(totalSize: 1000, viewport: .fit, rows: 4, columns: 8)
        #expect(geometry.isFit)
        #expect(geometry.bytesPerCell == 32)  // 16 would need 63 cells of the 32
        #expect(geometry.cellCount == 32)
        #expect(geometry.range(ofCell: 0) == 0..<32)
        #expect(geometry.range(ofCell: 31) == 992..<1000)
        #expect(geometry.rowStart(1) == 0x100)
        #expect(geometry.rowStart(3) == 0x300)
        #expect(geometry.cell(holding: 999) == 31)
        // 4 KiB at 120×36 (64 columns, 19 rows) steps by 0x100 rather than 0xc3.
        let screen = MapGeometry(totalSize: 4096, viewport: .fit, rows: 19, columns: 64)
        #expect(screen.bytesPerCell == 4)
        #expect((0..<16).map { screen.rowStart($0) } == (0..<16).map { $0 * 0x100 })
        #expect(screen.rowStart(16) == nil)
        // Exactly filling and odd sizes.
        #expect(MapGeometry(totalSize: 64, viewport: .fit, rows: 2, columns: 32).bytesPerCell == 1)
        #expect(MapGeometry(totalSize: 65, viewport: .fit, rows: 2, columns: 32).bytesPerCell == 2)
        #expect(MapGeometry(totalSize: Int.max, viewport: .fit, rows: 3, columns: 4).cellCount <= 12)
    }

    @Test func powersOfTwo() {
        for (total, cells, expected) in [
            (1, 1, 1), (2, 1, 2), (3, 1, 4), (1000, 40, 32), (1024, 1024, 1), (1025, 1024, 2),
        ] {
            #expect(MapGeometry.powerOfTwoBytesPerCell(total: total, cells: cells) == expected, "\(total) \(cells)")
        }
        #expect(ScreenLayout.powerOfTwo(atMost: 62) == 32)
        #expect(ScreenLayout.powerOfTwo(atMost: 64) == 64)
        #expect(ScreenLayout.powerOfTwo(atMost: 0) == 1)
    }

    @Test func smallPoolsGetOneBytePerCell() {
        let geometry = MapGeometry(totalSize: 15, viewport: .fit, rows: 4, columns: 10)
        #expect(geometry.cellCount == 15)
        #expect(geometry.rowStart(1) == 10)
        #expect(geometry.rowStart(2) == nil)
        #expect(geometry.range(ofCell: 14) == 14..<15)
        #expect(geometry.range(ofCell: 15).isEmpty)
    }

    @Test func zoomAlignsRowsAndNeverScrollsPastTheEnd() {
        let geometry = MapGeometry(
            totalSize: 1000, viewport: MapViewport(bytesPerCell: 2, firstByte: 123),
            rows: 4, columns: 10)
        #expect(!geometry.isFit)
        #expect(geometry.bytes.lowerBound == 120)  // rows hold 20 bytes
        #expect(geometry.range(ofCell: 0) == 120..<122)
        let end = MapGeometry(
            totalSize: 1000, viewport: MapViewport(bytesPerCell: 2, firstByte: 990),
            rows: 4, columns: 10)
        #expect(end.bytes == 920..<1000)
        #expect(end.cellCount == 40)
        let ragged = MapGeometry(
            totalSize: 1001, viewport: MapViewport(bytesPerCell: 2, firstByte: 5000),
            rows: 4, columns: 10)
        #expect(ragged.bytes.upperBound == 1001)
        #expect(ragged.range(ofCell: ragged.cellCount - 1).count == 1)
    }

    @Test func aZoomThatShowsEverythingIsAFit() {
        let geometry = MapGeometry(
            totalSize: 100, viewport: MapViewport(bytesPerCell: 4, firstByte: 0),
            rows: 4, columns: 10)
        #expect(geometry.isFit)
        let hostile = MapGeometry(
            totalSize: 100, viewport: MapViewport(bytesPerCell: -3, firstByte: -9),
            rows: -1, columns: 0)
        #expect(hostile.cellCount == 0)
        #expect(hostile.rowStart(0) == nil)
    }

    @Test func zoomHelpersHalveDoubleAndFit() {
        let fit = MapGeometry(totalSize: 4096, viewport: .fit, rows: 4, columns: 16)  // 64 B/cell
        let zoomedIn = fit.zoomedIn(around: 2048)
        #expect(zoomedIn.bytesPerCell == 32)
        let geometry = MapGeometry(totalSize: 4096, viewport: zoomedIn, rows: 4, columns: 16)
        #expect(geometry.bytes.contains(2048))
        #expect(geometry.zoomedOut(around: 2048) == .fit)
        let deep = MapGeometry(
            totalSize: 4096, viewport: MapViewport(bytesPerCell: 1, firstByte: 0), rows: 4, columns: 16)
        #expect(deep.zoomedIn(around: 0).bytesPerCell == 1)
        #expect(deep.zoomedOut(around: 0).bytesPerCell == 2)
        let down = MapGeometry(totalSize: 4096, viewport: deep.scrolled(byRows: 2), rows: 4, columns: 16)
        #expect(down.bytes.lowerBound == 32)
        #expect(deep.scrolled(byRows: -5).firstByte == 0)
        #expect(deep.scrolled(byRows: Int.max).firstByte == 4096)
        #expect(deep.revealing(4000).firstByte > 0)
        #expect(MapGeometry(totalSize: 4096, viewport: deep.revealing(4000), rows: 4, columns: 16).bytes.contains(4000))
    }

    @Test func hugePoolsZoomWithoutOverflow() {
        let geometry = MapGeometry(
            totalSize: Int.max, viewport: MapViewport(bytesPerCell: 1 << 40, firstByte: Int.max - 5),
            rows: 40, columns: 150)
        #expect(geometry.bytes.upperBound == Int.max)
        #expect(geometry.range(ofCell: geometry.cellCount - 1).upperBound == Int.max)
        let fit = MapGeometry(totalSize: Int.max, viewport: .fit, rows: 40, columns: 150)
        #expect(fit.range(ofCell: fit.cellCount - 1).upperBound == Int.max)
        #expect(fit.cell(holding: Int.max - 1) == fit.cellCount - 1)
        _ = fit.zoomedIn(around: Int.max - 1)
        _ = geometry.zoomedOut(around: 0)
        #expect(geometry.scrolled(byRows: Int.min).firstByte == 0)
        #expect(geometry.scrolled(byRows: 1 << 40).firstByte == Int.max)
    }
}
