import PoolAllocator
import PoolScript

extension CompareState {
    /// What one band's run is compared by: a placement policy (`compare --policies`), or a heap
    /// list order under each heap's own policy (`compare --orders`).
    package enum Contender: Equatable, Sendable {
        /// Every pool places, and every heap searches, by this policy.
        case policy(FitPolicy)
        /// Every heap keeps its free list in this order and searches by its own policy.
        case listOrder(FreeListHeap.ListOrder)

        /// The band's name in the log: `first`, or malloc.py's name of the order, `SIZESORT+`.
        var label: String {
            switch self {
            case .policy(let policy): policy.rawValue
            case .listOrder(let order): order.rawValue
            }
        }

        /// The band's title: `first fit`, or `SIZESORT+`.
        var bandName: String {
            switch self {
            case .policy(let policy): "\(policy.rawValue) fit"
            case .listOrder(let order): order.rawValue
            }
        }

        /// Whether `result` is this contender's run.
        func ran(_ result: PolicyResult) -> Bool {
            switch self {
            case .policy(let policy): result.listOrder == nil && result.policy == policy
            case .listOrder(let order): result.listOrder == order
            }
        }

        /// Its band's player at the start of `script`.
        func player(
            script: Script, poolSize: Int, screenSize: TerminalSize, checkpointBudget: Int
        ) throws(PoolError) -> PlayerState {
            switch self {
            case .policy(let policy):
                try PlayerState(
                    script: script, poolSize: poolSize, policy: policy, heapOrder: nil, screenSize: screenSize,
                    checkpointBudget: checkpointBudget)
            case .listOrder(let order):
                try PlayerState(
                    script: script, poolSize: poolSize, policy: nil, heapOrder: order, screenSize: screenSize,
                    checkpointBudget: checkpointBudget)
            }
        }
    }
}
