import PoolAllocator

extension Script {
    /// Whether a statement starts a heap scene (`heap …`): then the policies to compare are
    /// malloc.py's three, and `next` fit is refused.
    /// - Complexity: O(statements).
    public var hasHeapScene: Bool {
        statements.contains {
            if case .heap = $0.action { return true }
            return false
        }
    }

    /// The policies a heap scene can be compared under: malloc.py's searches.
    public static let heapPolicies: [FitPolicy] = [.first, .best, .worst]
}
