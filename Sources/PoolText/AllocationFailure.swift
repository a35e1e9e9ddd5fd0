import PoolAllocator

/// The words for an allocation request and for its failure, shared by the explorer's log, the
/// player and the scripts' events: `alloc 512 B failed: 768 B free, but the largest free block
/// is 256 B`.
public enum AllocationFailure {
    /// The request in words: `alloc 256 B`, or `alloc 200 B align 256 B` when aligned
    /// (`alignment` above 1).
    public static func request(size: Int, alignment: Int = 1) -> String {
        alignment > 1
            ? "alloc \(ByteSize.format(size)) align \(ByteSize.format(alignment))"
            : "alloc \(ByteSize.format(size))"
    }

    /// Explains why `size` bytes (aligned to `alignment`, 1 for plain) could not be allocated
    /// in a pool with these `stats`.
    public static func message(size: Int, alignment: Int = 1, stats: PoolStats) -> String {
        let reason: String
        if stats.free == 0 {
            reason = "the pool is full"
        } else if stats.free < size {
            reason = "only \(ByteSize.format(stats.free)) free"
        } else if stats.largestFree < size {
            let largest = ByteSize.format(stats.largestFree)
            reason = "\(ByteSize.format(stats.free)) free, but the largest free block is \(largest)"
        } else {
            reason =
                "no free block of \(ByteSize.format(size)) or more has a multiple of \(alignment) with room after it"
        }
        return "\(request(size: size, alignment: alignment)) failed: \(reason)"
    }
}
