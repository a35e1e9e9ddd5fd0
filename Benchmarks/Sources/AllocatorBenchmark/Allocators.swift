import PoolAllocator

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The project's allocator under one policy. A failed allocation (none happen at this pool
/// size) is offset -1.
struct PoolUnderTest: ChurnAllocator {
    var pool: MemoryPool

    init(totalSize: Int, policy: FitPolicy = .first) {
        do {
            pool = try MemoryPool(totalSize: totalSize, policy: policy)
        } catch {
            fatalError("pool of \(totalSize) bytes: \(error)")
        }
    }

    @inline(__always) mutating func allocate(size: Int, aligned: Bool) -> Int {
        let offset =
            aligned
            ? try? pool.allocAligned(size, alignment: ChurnWorkload.alignment)
            : try? pool.alloc(size)
        return (offset ?? nil) ?? -1
    }

    @inline(__always) mutating func release(_ handle: Int) {
        guard handle >= 0 else { return }
        do { try pool.free(handle) } catch { fatalError("free(\(handle)): \(error)") }
    }
}

/// The system allocator: `malloc`/`free`, `posix_memalign(256)` for aligned ops. The memory
/// is never touched.
struct SystemAllocator: ChurnAllocator {
    static var releasesLiveBlocksAtEnd: Bool { true }

    @inline(__always) mutating func allocate(size: Int, aligned: Bool) -> UnsafeMutableRawPointer? {
        if aligned {
            var pointer: UnsafeMutableRawPointer?
            return posix_memalign(&pointer, ChurnWorkload.alignment, size) == 0 ? pointer : nil
        }
        return malloc(size)
    }

    @inline(__always) mutating func release(_ handle: UnsafeMutableRawPointer?) { free(handle) }
}

/// Where results nobody reads are stored, so the optimizer cannot drop the work behind them.
nonisolated(unsafe) var benchmarkSink = 0

/// No allocator at all: the cost of the loop, the op decoding and the `live` array alone.
struct LoopOnly: ChurnAllocator {
    /// Folds every handle in so the optimizer cannot drop the loop.
    var checksum = 0

    @inline(__always) mutating func allocate(size: Int, aligned: Bool) -> Int { aligned ? size + 1 : size }
    @inline(__always) mutating func release(_ handle: Int) { checksum &+= handle }
}
