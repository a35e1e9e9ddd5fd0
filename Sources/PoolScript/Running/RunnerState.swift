import PoolAllocator

/// Everything a run has built up at one moment: the pool, the names and trace ids bound to its
/// blocks, and where in the script it stands. A value: copying it is a checkpoint (the pool
/// and dictionaries are copy-on-write), and running on from a copy gives the same steps.
public struct RunnerState: Sendable {
    /// The pool as it stands.
    public internal(set) var pool: MemoryPool
    /// Script names bound to live blocks: name → offset.
    var offsetsByName: [String: Int] = [:]
    /// The inverse of `offsetsByName`: offset → name.
    public internal(set) var namesByOffset: [Int: String] = [:]
    /// Why a name that was once bound no longer is, for messages (script names only).
    var unboundReasons: [String: String] = [:]
    /// Trace ids of live blocks: id → offset.
    var offsetsByID = IntMap()
    /// The inverse of `offsetsByID`: offset → id.
    package internal(set) var idsByOffset = IntMap()
    /// Trace ids whose last allocation failed (a later `f` does nothing, an `r` acts as `a`).
    var failedIDs = IntMap()
    /// The caption of the latest `say`, if any.
    public internal(set) var caption: String?
    /// The index of the next statement to run.
    var statementIndex = 0
    /// The `random` statement under way, if any.
    var random: RandomRun?
    /// Steps taken so far (say and wait included).
    var stepCount = 0
    /// Runtime errors so far.
    public internal(set) var errorCount = 0
    /// Scenes started by `pool` statements so far.
    public internal(set) var sceneCount = 0
    /// The figures of the pools before this one (each `pool` statement starts a new pool).
    var earlierPoolsFigures = PoolFigures()
    /// The free-list heap of a `heap` scene, which `alloc` and `free` then act on; nil in a
    /// pool's scene (`pool` then only stands in for the heap's size).
    package internal(set) var heap: FreeListHeap?
    /// In a heap scene, the address each freed name's block had: a second `free` of the name
    /// frees that address again, as malloc.py's pointers do (`returned -1`, unless a block
    /// starts there again).
    var freedAddressesByName: [String: Int] = [:]
    /// In a heap scene, the block the last step freed, when it was a free: the panel shows where
    /// it went in the list and whether it merged.
    package internal(set) var lastHeapFree: FreeListHeap.Chunk?

    init(pool: MemoryPool) {
        self.pool = pool
    }

    /// The run's figures so far: the highest high-water mark and the highest peak live of its
    /// pools and heaps (one pool, unless `pool` or `heap` statements started others); a heap
    /// scene's are the heap's.
    /// - Complexity: O(1).
    public var figures: PoolFigures { earlierPoolsFigures.combined(with: heap?.figures ?? pool.figures) }

    /// The figures of the scene's model now: the heap's in a heap scene, else the pool's.
    /// - Complexity: O(1) for a pool; O(n) for a heap of n elements and blocks.
    package var stats: PoolStats { heap?.stats ?? pool.stats }

    /// The name or trace id of the block at `offset`, as a label (`a`, `#17`), if any.
    public func label(at offset: Int) -> String? {
        if let name = namesByOffset[offset] { return name }
        if let id = idsByOffset[offset] { return "#\(id)" }
        return nil
    }

    /// Binds `name` to the block at `offset`.
    mutating func bind(_ name: String, to offset: Int) {
        offsetsByName[name] = offset
        namesByOffset[offset] = name
        unboundReasons[name] = nil
        freedAddressesByName[name] = nil
    }

    /// Unbinds the name of the block at `offset`, if it has one, saying why; returns the name.
    @discardableResult
    mutating func unbindName(at offset: Int, because reason: String) -> String? {
        guard let name = namesByOffset.removeValue(forKey: offset) else { return nil }
        offsetsByName[name] = nil
        unboundReasons[name] = reason
        return name
    }

    /// Moves every binding to its block's new offset after a defragment.
    /// - Complexity: O(bound names + bound ids).
    mutating func follow(_ moved: [Int: Int]) {
        var names: [Int: String] = [:]
        for (offset, name) in namesByOffset {
            let new = moved[offset] ?? offset
            names[new] = name
            offsetsByName[name] = new
        }
        namesByOffset = names
        var ids = IntMap()
        idsByOffset.forEach { offset, id in
            let new = moved[offset] ?? offset
            ids[new] = id
            offsetsByID[id] = new
        }
        idsByOffset = ids
    }

    /// Counts into `tally` the storage this state holds that the states counted before do not
    /// share: the pool's nodes and the id maps' chunks not counted yet; the script names (few:
    /// one per statement at most) as held alone.
    /// - Complexity: O(storage not counted before), plus O(names).
    package func countStorage(in tally: inout StorageTally) {
        pool.countStorage(in: &tally)
        offsetsByID.countStorage(in: &tally)
        idsByOffset.countStorage(in: &tally)
        failedIDs.countStorage(in: &tally)
        let names = offsetsByName.count + namesByOffset.count + unboundReasons.count
        tally.add(unshared: MemoryLayout<RunnerState>.stride + names * Self.bytesPerName)
    }

    /// What one name binding costs, about: a dictionary slot and a short string's storage.
    static let bytesPerName = 64

    /// Forgets every binding: a new scene.
    mutating func startScene(_ pool: MemoryPool) {
        earlierPoolsFigures = figures
        self.pool = pool
        offsetsByName = [:]
        namesByOffset = [:]
        unboundReasons = [:]
        offsetsByID = IntMap()
        idsByOffset = IntMap()
        failedIDs = IntMap()
        heap = nil
        freedAddressesByName = [:]
        lastHeapFree = nil
        // A caption speaks of the scene it was said in: the new pool starts without one.
        caption = nil
        sceneCount += 1
    }
}

/// A `random` statement under way: its workload, the operations drawn of how many, its line.
struct RandomRun: Sendable {
    var workload: RandomWorkload
    var done: Int
    var count: Int
    var line: Int
}
