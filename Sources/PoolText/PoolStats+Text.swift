import PoolAllocator

extension PoolStats {
    /// The five classic figures in the words of the exercise the allocator comes from:
    /// `total 1024, used 768, free 256, num_blocks 3, fragmentation 0.0`.
    package var classicFigures: String {
        classicFigures(fragmentation: JSONValue.double(fragmentation).compact)
    }

    /// The same figures with the fragmentation written as `text` (the screens' four decimals).
    package func classicFigures(fragmentation text: String) -> String {
        "total \(total), used \(used), free \(free), num_blocks \(blockCount), fragmentation \(text)"
    }
}
