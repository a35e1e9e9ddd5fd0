import PoolAllocator

/// The cell rule shared by the screen map and the headless `run --format text` map line.
///
/// With `B` bytes in view from `lo` over `C` cells, cell `i` covers
/// `[lo + i·B/C, lo + (i+1)·B/C)` (integer division). With fewer bytes than cells each cell is
/// one byte and the map is `B` cells long. A cell's kind is the kind with the most bytes in it;
/// ties go to used, then padding, then free. Glyphs: `█` used, `▒` padding, `░` free.
public enum MapCells {
    /// The glyph of a used cell.
    public static let usedGlyph: Character = "█"
    /// The glyph of a padding cell.
    public static let paddingGlyph: Character = "▒"
    /// The glyph of a free cell.
    public static let freeGlyph: Character = "░"

    /// How many cells a map of `bytes` bytes over at most `cells` cells has: `min(bytes, cells)`,
    /// and 0 when either is not positive.
    static func cellCount(bytes: Int, cells: Int) -> Int {
        guard bytes > 0, cells > 0 else { return 0 }
        return min(bytes, cells)
    }

    /// Where cell `index` of `count` cells over `bytes` (a non-empty range) starts:
    /// `bytes.lowerBound + index·B/count`, computed in 128 bits so pools near `Int.max` do not
    /// overflow. `index == count` gives `bytes.upperBound`.
    /// - Precondition-free: `index` is clamped to `0...count`; `count` below 1 gives the lower bound.
    static func boundary(_ index: Int, of count: Int, over bytes: Range<Int>) -> Int {
        guard count > 0 else { return bytes.lowerBound }
        let i = UInt(min(max(index, 0), count))
        let length = UInt(bitPattern: bytes.upperBound &- bytes.lowerBound)  // exact even when > Int.max
        let product = i.multipliedFullWidth(by: length)
        let offset = UInt(count).dividingFullWidth(product).quotient  // ≤ length because i ≤ count
        return Int(bitPattern: UInt(bitPattern: bytes.lowerBound) &+ offset)
    }

    /// The bytes cell `index` of `count` cells over `bytes` covers.
    static func range(ofCell index: Int, of count: Int, over bytes: Range<Int>) -> Range<Int> {
        boundary(index, of: count, over: bytes)..<boundary(index + 1, of: count, over: bytes)
    }

    /// The cell that holds byte `offset` in a map of `count` cells over `bytes`, or nil when the
    /// byte is outside `bytes`. Inverse of `range(ofCell:of:over:)`.
    /// - Complexity: O(1).
    static func cell(holding offset: Int, of count: Int, over bytes: Range<Int>) -> Int? {
        guard count > 0, bytes.contains(offset) else { return nil }
        // The largest i with i·B/C ≤ d is floor(((d+1)·C − 1) / B), all in 128 bits.
        let d = UInt(bitPattern: offset &- bytes.lowerBound)
        let length = UInt(bitPattern: bytes.upperBound &- bytes.lowerBound)
        let (high, low) = (d + 1).multipliedFullWidth(by: UInt(count))
        let minusOne = low == 0 ? (high - 1, UInt.max) : (high, low - 1)
        let index = Int(length.dividingFullWidth(minusOne).quotient)
        return min(index, count - 1)
    }

    /// The kind with the most bytes in `usage`; ties go to used, then padding, then free.
    static func kind(of usage: RangeUsage) -> RegionKind {
        if usage.usedBytes >= usage.paddingBytes && usage.usedBytes >= usage.freeBytes && usage.usedBytes > 0 {
            return .used
        }
        if usage.paddingBytes >= usage.freeBytes && usage.paddingBytes > 0 { return .padding }
        if usage.freeBytes > 0 { return .free }
        // An empty range has no bytes; it never occurs for a real cell, and free is the honest default.
        return .free
    }

    /// `█` used, `▒` padding, `░` free.
    static func glyph(for kind: RegionKind) -> Character {
        switch kind {
        case .used: return usedGlyph
        case .padding: return paddingGlyph
        case .free: return freeGlyph
        }
    }

    /// The cells of a map of `bytes` (clamped to the pool) over at most `cells` cells.
    /// - Complexity: O(C · log n) for C cells and n blocks: one `usage(in:)` query per cell.
    static func cells(of pool: MemoryPool, in bytes: Range<Int>, count cells: Int) -> [MapCell] {
        let clamped = max(0, bytes.lowerBound)..<max(max(0, bytes.lowerBound), min(pool.totalSize, bytes.upperBound))
        let count = cellCount(bytes: clamped.count, cells: cells)
        var out: [MapCell] = []
        out.reserveCapacity(count)
        var start = clamped.lowerBound
        for i in 0..<count {
            let end = boundary(i + 1, of: count, over: clamped)
            out.append(MapCell(bytes: start..<end, usage: pool.usage(in: start..<end)))
            start = end
        }
        return out
    }

    /// The plain map line of the whole pool for headless output: exactly `width` characters
    /// (fewer only when the pool has fewer bytes), built only from `█`, `▒` and `░`.
    /// A `width` below 1 gives an empty line.
    /// - Complexity: O(width · log n).
    public static func textLine(of pool: MemoryPool, width: Int) -> String {
        String(cells(of: pool, in: 0..<pool.totalSize, count: width).map(\.glyph))
    }
}
