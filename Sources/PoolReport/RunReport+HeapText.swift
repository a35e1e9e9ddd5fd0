import MemoryMap
import PoolAllocator
import PoolScript
import PoolText

extension RunReport {
    /// The heading of a report whose last scene is a heap: `free-list heap · 100 B at 1000 ·
    /// BEST · ADDRSORT · header 4 · round 4 · coalescing`.
    static func heapHeading(_ heap: FreeListHeap) -> String {
        "free-list heap · \(ByteSize.format(heap.size)) at \(heap.baseAddress) · \(heap.policy.rawValue) · "
            + "\(heap.order.rawValue) · header \(heap.headerSize) · round \(heap.sizeMultiple.map(String.init) ?? "none")"
            + (heap.coalesces ? " · coalescing" : " · no coalescing")
    }

    /// A heap scene's state: its map line and legend, its figures, the run's (`figures`: the
    /// heap's high-water mark and peak live, or an earlier scene's when higher) and its free
    /// list in list order as malloc.py prints it.
    static func heapStateLines(_ heap: FreeListHeap, figures: PoolFigures, width: Int) -> [String] {
        let stats = heap.stats
        return [
            MapCells.textLine(of: heap, width: width),
            "█ payload  ▀ header  ▒ padding  ░ free  ¦ next free element",
            "total \(ByteSize.formatExact(stats.total))  used \(ByteSize.formatExact(stats.used))"
                + "  free \(ByteSize.formatExact(stats.free))  padding \(ByteSize.formatExact(stats.padding))",
            "blocks \(stats.blockCount)  free elements \(stats.freeBlockCount)"
                + "  largest free \(ByteSize.formatExact(stats.largestFree))"
                + "  fragmentation \(NumberText.fractionAndPercent(stats.fragmentation))",
            figures.line,
            "Free List [ Size \(heap.freeList.count) ]: "
                + heap.freeList.map { "[ addr:\($0.address) sz:\($0.size) ]" }.joined(),
        ]
    }
}
