import PoolAllocator
import PoolScript
import PoolText

extension RunReport {
    /// A heap scene's regions for the JSON reports, in address order: each block whole (its
    /// header and the rounding's padding included, `"kind": "used"`) and each free element
    /// (`"free"`; adjacent elements that were not merged stay two), with `offset` from the
    /// heap's base (as the map's) and `address`, as malloc.py prints it.
    /// - Complexity: O(n log n) for n elements and blocks.
    static func appendHeapRegions(
        _ heap: FreeListHeap, in state: RunnerState, separator: String, to out: inout TextBuffer
    ) {
        let regions =
            (heap.freeList.map { ($0, RegionKind.free) }
            + heap.allocatedSizes.map { (FreeListHeap.Chunk(address: $0.key, size: $0.value), RegionKind.used) })
            .filter { $0.0.size > 0 }
            .sorted { $0.0.address < $1.0.address }
        for (index, (chunk, kind)) in regions.enumerated() {
            if index > 0 { out.append(separator) }
            out.append("{")
            out.appendJSONKey("offset", first: true)
            out.append(chunk.address - heap.baseAddress)
            out.appendJSONKey("size")
            out.append(chunk.size)
            out.appendJSONKey("kind")
            out.appendJSONString(kind.rawValue)
            out.appendJSONKey("address")
            out.append(chunk.address)
            if kind == .used, let name = state.namesByOffset[chunk.address] {
                out.appendJSONKey("name")
                out.appendJSONString(name)
            }
            out.append("}")
        }
    }
}
