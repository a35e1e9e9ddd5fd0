import PoolAllocator

extension PoolFigures {
    /// What an undefined ratio prints as (utilization and heap fragmentation while nothing was
    /// live).
    public static let undefinedText = "–"

    /// The four figures on one line: `high water 3,000 B  peak live 2,000 B  utilization
    /// 0.6667 (66.67%)  heap fragmentation 0.5000 (50.00%)`, `–` for an undefined ratio.
    public var line: String {
        "high water \(ByteSize.formatExact(highWater))  peak live \(ByteSize.formatExact(peakLive))"
            + "  utilization \(Self.ratioText(utilization))  heap fragmentation \(Self.ratioText(heapFragmentation))"
    }

    /// A ratio with four decimals and its percentage (`0.6667 (66.67%)`), or `–` when undefined.
    public static func ratioText(_ ratio: Double?) -> String {
        ratio.map(NumberText.fractionAndPercent) ?? undefinedText
    }

    /// A ratio as a short percentage (`66.7%`), or `–` when undefined: for panels and tables.
    public static func percentText(_ ratio: Double?) -> String {
        ratio.map(NumberText.percent) ?? undefinedText
    }

    /// A ratio as a JSON number, or `null` when undefined.
    package static func json(_ ratio: Double?) -> JSONValue {
        ratio.map(JSONValue.double) ?? .null
    }
}
