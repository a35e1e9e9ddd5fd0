/// Which bytes each map cell covers, for a pool size, a viewport and the map's rows × columns.
///
/// Fitting, every cell holds the smallest power of two of bytes that puts the whole pool in
/// `rows·columns` cells (the last may hold fewer), so that with a power-of-two number of
/// columns (`ScreenLayout.mapColumns`) rows start at round offsets (0x100, 0x200, …) as `xxd`'s
/// do; `spread` geometries (the one-line overview) spread the pool over `min(totalSize,
/// rows·columns)` cells by the cell rule (`MapCells`) instead. Zoomed, every cell holds
/// `bytesPerCell` bytes (the last may hold fewer), rows start at multiples of
/// `bytesPerCell·columns`, and the first row is clamped so the map never scrolls past the
/// pool's end. A zoom whose cells would show the whole pool anyway is a fit.
public struct MapGeometry: Equatable, Sendable {
    /// The pool's size in bytes.
    public let totalSize: Int
    /// Map rows on screen.
    public let rows: Int
    /// Cells per map row.
    public let columns: Int
    /// The bytes the drawn cells cover.
    public let bytes: Range<Int>
    /// How many cells are drawn (row-major; the last row may be partial).
    let cellCount: Int
    /// The zoom's bytes per cell, or nil when the whole pool is fitted.
    let fixedBytesPerCell: Int?
    /// A fit's bytes per cell, a power of two; nil when the fit is spread by the cell rule.
    let fitBytesPerCell: Int?

    /// - Parameter spread: a fit spreads the pool over every cell by the cell rule instead of
    ///   giving each cell a power of two of bytes (for the one-line overview, which has no rows
    ///   to label).
    public init(totalSize: Int, viewport: MapViewport, rows: Int, columns: Int, spread: Bool = false) {
        let total = max(0, totalSize)
        self.totalSize = total
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        let capacity = self.rows.multipliedReportingOverflow(by: self.columns)
        let cells = capacity.overflow ? Int.max : capacity.partialValue
        if let bpc = viewport.bytesPerCell, bpc >= 1, cells > 0, total > 0 {
            let span = bpc.multipliedReportingOverflow(by: cells)
            let rowBytes = bpc.multipliedReportingOverflow(by: self.columns)
            if !span.overflow, !rowBytes.overflow, span.partialValue < total {
                let row = rowBytes.partialValue
                let clamped = min(max(0, viewport.firstByte), total - 1)
                let lastFirst = total - span.partialValue
                let maxFirst = lastFirst % row == 0 ? lastFirst : lastFirst - lastFirst % row + row
                let first = min(clamped - clamped % row, maxFirst)
                let count = min(cells, (total - first - 1) / bpc + 1)
                fixedBytesPerCell = bpc
                fitBytesPerCell = nil
                cellCount = count
                let end = first.addingReportingOverflow(count * bpc)
                bytes = first..<(end.overflow ? total : min(total, end.partialValue))
                return
            }
        }
        fixedBytesPerCell = nil
        bytes = 0..<total
        guard !spread, cells > 0, total > 0 else {
            fitBytesPerCell = nil
            cellCount = MapCells.cellCount(bytes: total, cells: cells)
            return
        }
        let bpc = Self.powerOfTwoBytesPerCell(total: total, cells: cells)
        fitBytesPerCell = bpc
        cellCount = total / bpc + (total % bpc == 0 ? 0 : 1)
    }

    /// The smallest power of two `b` with ⌈total / b⌉ ≤ `cells` (`cells` ≥ 1, `total` ≥ 1).
    static func powerOfTwoBytesPerCell(total: Int, cells: Int) -> Int {
        let needed = total / cells + (total % cells == 0 ? 0 : 1)  // ⌈total / cells⌉ ≥ 1
        guard needed > 1 else { return 1 }
        let shift = Int.bitWidth - (needed - 1).leadingZeroBitCount
        return shift >= Int.bitWidth - 1 ? Int.max : 1 << shift
    }

    /// Whether the whole pool is in view.
    var isFit: Bool { fixedBytesPerCell == nil }

    /// Whether cells hold different numbers of bytes beyond the last one (a spread fit whose
    /// bytes do not divide evenly), so `bytesPerCell` is only the most a cell holds.
    var isSpreadUnevenly: Bool {
        isFit && fitBytesPerCell == nil && bytes.count % max(1, cellCount) != 0
    }

    /// Bytes per cell: the zoom's, or when fitted the most any cell holds (rounded up).
    public var bytesPerCell: Int {
        if let fixed = fixedBytesPerCell ?? fitBytesPerCell { return fixed }
        guard cellCount > 0 else { return 1 }
        let length = bytes.count
        return length / cellCount + (length % cellCount == 0 ? 0 : 1)
    }

    /// The bytes cell `index` covers (empty outside `0..<cellCount`).
    /// - Complexity: O(1).
    func range(ofCell index: Int) -> Range<Int> {
        guard index >= 0, index < cellCount else { return bytes.upperBound..<bytes.upperBound }
        if let bpc = fixedBytesPerCell ?? fitBytesPerCell {
            let start = bytes.lowerBound + index * bpc  // ≤ upperBound: index < cellCount
            let end = start.addingReportingOverflow(bpc)
            return start..<(end.overflow ? bytes.upperBound : min(bytes.upperBound, end.partialValue))
        }
        return MapCells.range(ofCell: index, of: cellCount, over: bytes)
    }

    /// The cell holding byte `offset`, or nil when it is not in view.
    /// - Complexity: O(1).
    func cell(holding offset: Int) -> Int? {
        guard bytes.contains(offset) else { return nil }
        if let bpc = fixedBytesPerCell ?? fitBytesPerCell { return (offset - bytes.lowerBound) / bpc }
        return MapCells.cell(holding: offset, of: cellCount, over: bytes)
    }

    /// The first byte of map row `row`, or nil when the row is empty.
    func rowStart(_ row: Int) -> Int? {
        let index = row.multipliedReportingOverflow(by: columns)
        guard row >= 0, !index.overflow, index.partialValue < cellCount else { return nil }
        return range(ofCell: index.partialValue).lowerBound
    }

    // MARK: Changing the viewport (for the app)

    /// Half the bytes per cell (at least 1), centred on `offset`.
    public func zoomedIn(around offset: Int) -> MapViewport {
        centred(on: offset, bytesPerCell: max(1, bytesPerCell / 2))
    }

    /// Twice the bytes per cell, centred on `offset`; `.fit` once the whole pool fits.
    public func zoomedOut(around offset: Int) -> MapViewport {
        guard let fixed = fixedBytesPerCell else { return .fit }
        let doubled = fixed.multipliedReportingOverflow(by: 2)
        guard !doubled.overflow else { return .fit }
        let viewport = centred(on: offset, bytesPerCell: doubled.partialValue)
        let check = MapGeometry(totalSize: totalSize, viewport: viewport, rows: rows, columns: columns)
        return check.isFit ? .fit : viewport
    }

    /// The viewport scrolled by `count` rows (negative: up); a fit does not scroll.
    public func scrolled(byRows count: Int) -> MapViewport {
        guard let fixed = fixedBytesPerCell else { return .fit }
        let rowBytes = fixed * columns
        let delta = count.multipliedReportingOverflow(by: rowBytes)
        let sum = bytes.lowerBound.addingReportingOverflow(delta.partialValue)
        let first = delta.overflow || sum.overflow ? (count < 0 ? 0 : totalSize) : sum.partialValue
        return MapViewport(bytesPerCell: fixed, firstByte: max(0, min(first, totalSize)))
    }

    /// The same zoom, scrolled only as far as needed to show byte `offset`.
    public func revealing(_ offset: Int) -> MapViewport {
        guard let fixed = fixedBytesPerCell else { return .fit }
        if bytes.contains(offset) { return MapViewport(bytesPerCell: fixed, firstByte: bytes.lowerBound) }
        return centred(on: offset, bytesPerCell: fixed)
    }

    private func centred(on offset: Int, bytesPerCell bpc: Int) -> MapViewport {
        let capacity = rows.multipliedReportingOverflow(by: columns)
        let span = bpc.multipliedReportingOverflow(by: capacity.partialValue)
        guard !capacity.overflow, !span.overflow else { return .fit }
        let first = offset - span.partialValue / 2
        return MapViewport(bytesPerCell: bpc, firstByte: max(0, first))
    }
}
