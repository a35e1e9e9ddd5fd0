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

    /// A heap scene's state: its map line and legend, its figures and its free list in list
    /// order as malloc.py prints it. (The high-water and peak figures are the pool's; a heap
    /// keeps none.)
    static func heapStateLines(_ heap: FreeListHeap, width: Int) -> [String] {
        let stats = heap.stats
        return [
            MapCells.textLine(of: heap, width: width),
            "█ payload  ▀ header  ▒ padding  ░ free  ¦ next free element",
            "total \(ByteSize.formatExact(stats.total))  used \(ByteSize.formatExact(stats.used))"
                + "  free \(ByteSize.formatExact(stats.free))  padding \(ByteSize.formatExact(stats.padding))",
            "blocks \(stats.blockCount)  free elements \(stats.freeBlockCount)"
                + "  largest free \(ByteSize.formatExact(stats.largestFree))"
                + "  fragmentation \(NumberText.fractionAndPercent(stats.fragmentation))",
            "Free List [ Size \(heap.freeList.count) ]: "
                + heap.freeList.map { "[ addr:\($0.address) sz:\($0.size) ]" }.joined(),
        ]
    }
}
