@_spi(Testing) import PoolAllocator
import Testing

/// Debug builds (so `swift test`) check the allocator's invariants after every mutation, release
/// builds do not; `checksInvariants` says which, and the fuzz targets refuse to run without.
@Suite("Invariant checks")
struct InvariantChecksTests {
    @Test("the invariants are checked exactly in debug builds")
    func checksFollowTheConfiguration() {
        #if DEBUG
        #expect(MemoryPool.checksInvariants)
        #else
        #expect(!MemoryPool.checksInvariants)
        #endif
    }
}
