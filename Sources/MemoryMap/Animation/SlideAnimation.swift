import PoolAllocator

/// A defragment drawn as a slide: each moved block's payload is drawn at
/// `old + (new − old)·progress`, over the pool as it is after the defragment.
///
/// Built once from `defragment()`'s result; with more than `maximumAnimatedMoves` moves it
/// keeps none and the map shows the end state at once, so a frame never costs O(n).
public struct SlideAnimation: Equatable, Sendable {
    /// Above this many moved blocks the slide is not animated.
    static let maximumAnimatedMoves = 4096
    /// Timer ticks a slide takes from the old offsets to the new ones (the apps tick at 25 Hz).
    public static let ticks = 15

    /// One moved block.
    struct Move: Equatable, Sendable {
        var from: Int
        var to: Int
        var size: Int
        /// The padding the block owns at its new offset.
        var padding: Int
    }

    /// From 0 (old offsets) to 1 (new offsets); clamped when drawn.
    public var progress: Double
    /// Moved blocks in address order (the same order before and after).
    let moves: [Move]
    /// Whether the moves are drawn; false when there were too many.
    public let isAnimated: Bool

    /// - Parameters:
    ///   - moves: `defragment()`'s result, old offset → new offset (unmoved blocks may be included).
    ///   - pool: the pool after the defragment.
    ///   - progress: 0 at the start of the slide.
    /// - Complexity: O(m log n) for m entries in `moves`; done once, not per frame.
    public init(moves: [Int: Int], in pool: MemoryPool, progress: Double = 0) {
        self.progress = progress
        var moved: [Move] = []
        var tooMany = false
        for (from, to) in moves where from != to {
            guard moved.count < Self.maximumAnimatedMoves else {
                tooMany = true
                break
            }
            guard let block = pool.block(at: to) else { continue }
            moved.append(Move(from: from, to: to, size: block.size, padding: block.padding))
        }
        moved.sort { $0.to < $1.to }
        self.moves = tooMany ? [] : moved
        self.isAnimated = !tooMany && !moved.isEmpty
    }

    /// One timer tick further: `progress` moves to the next of ``ticks`` steps.
    /// - Returns: false when the slide has ended (the caller drops it and draws the end state).
    public mutating func advance() -> Bool {
        let done = progress.isNaN ? 1 : min(1, max(0, progress))  // as `currentOffsets` draws it
        let tick = Int((done * Double(Self.ticks)).rounded()) + 1
        guard tick < Self.ticks else { return false }
        progress = Double(tick) / Double(Self.ticks)
        return true
    }

    /// How many moved blocks are drawn sliding.
    var movedBlockCount: Int { moves.count }

    /// Where each moved payload starts at this progress, in address order.
    func currentOffsets() -> [Int] {
        let t = min(1, max(0, progress.isNaN ? 1 : progress))
        return moves.map { move in
            let distance = Double(move.to) - Double(move.from)
            return move.from + Int((distance * t).rounded())
        }
    }
}
