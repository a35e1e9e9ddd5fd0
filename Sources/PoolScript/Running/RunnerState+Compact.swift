import PoolAllocator

extension RunnerState {
    /// A state kept flat, for checkpoints that are many, kept long and restored seldom: the pool
    /// as `MemoryPool.Compact` and the trace ids as one list of pairs, 32 bits a number while they
    /// fit (`PackedInts`), not a tree and two hash tables. With 200,000 live blocks that is
    /// ~4 MB instead of ~20 MB (the tree ~12 MB, the two id maps ~8 MB), so a budget keeps
    /// about five times as many, and restoring one (`expanded`, ~8 ms there) costs far less
    /// than the replay the closer spacing saves.
    ///
    /// A copy-on-write state shares storage with the next checkpoint only while few steps
    /// separate them; once checkpoints are far apart (which the budget makes them when the
    /// pool is large) every node and chunk has changed between two, and the flat form holds
    /// the same state in a fifth of the bytes.
    package struct Compact: Sendable {
        /// Everything else, as it was: names, failed ids, caption, where the script stands. Its
        /// pool is a placeholder and its id maps are empty (or, when the two maps are not each
        /// other's inverse, `idsByOffset` is kept whole).
        private let rest: RunnerState
        private let pool: MemoryPool.Compact
        /// `offsetsByID`'s entries, id then offset, in the order of its table's slots (so
        /// that inserting them again into a table of the same size writes it nearly in order).
        private let idsAndOffsets: PackedInts
        /// Whether `idsByOffset` is exactly the inverse of `offsetsByID`, and so is rebuilt
        /// from it rather than kept.
        private let idsByOffsetIsInverse: Bool
        /// The two maps' table sizes, rebuilt as they were.
        private let capacities: (offsetsByID: Int, idsByOffset: Int)

        /// `state` in compact form.
        /// - Complexity: O(n + ids): the pool's entries, and a look-up per live id to check
        ///   that the id maps are each other's inverse.
        init(_ state: RunnerState) {
            pool = state.pool.compact
            var pairs = PackedInts(capacity: 2 * state.offsetsByID.count)
            state.offsetsByID.forEach { id, offset in
                pairs.append(id)
                pairs.append(offset)
            }
            var inverse = state.offsetsByID.count == state.idsByOffset.count
            var pair = 0
            while inverse, pair < pairs.count / 2 {
                Self.prefetchAhead(in: pairs, after: pair, idsByOffset: state.idsByOffset)
                inverse = state.idsByOffset[pairs[2 * pair + 1]] == pairs[2 * pair]
                pair += 1
            }
            idsAndOffsets = pairs
            idsByOffsetIsInverse = inverse
            capacities = (state.offsetsByID.capacity, state.idsByOffset.capacity)
            var rest = state
            rest.pool = Self.placeholderPool
            rest.offsetsByID = IntMap()
            if inverse { rest.idsByOffset = IntMap() }
            self.rest = rest
        }

        /// The state this was made from: the same pool (its tree built anew), bindings and
        /// position in the script, so a run goes on from it exactly as from the original.
        /// - Complexity: O(n + ids).
        package var expanded: RunnerState {
            var state = rest
            state.pool = MemoryPool(pool)
            let count = idsAndOffsets.count / 2
            var offsetsByID = IntMap(capacity: capacities.offsetsByID)
            var idsByOffset = idsByOffsetIsInverse ? IntMap(capacity: capacities.idsByOffset) : rest.idsByOffset
            for pair in 0..<count {
                let id = idsAndOffsets[2 * pair], offset = idsAndOffsets[2 * pair + 1]
                offsetsByID[id] = offset
                if idsByOffsetIsInverse {
                    Self.prefetchAhead(in: idsAndOffsets, after: pair, idsByOffset: idsByOffset)
                    idsByOffset[offset] = id
                }
            }
            state.offsetsByID = offsetsByID
            state.idsByOffset = idsByOffset
            return state
        }

        /// Starts loading the `idsByOffset` slot of a pair a few ahead of `pair`: the offsets
        /// come in the order of the ids' table, so each one's slot is a miss of its own, and
        /// loading several at once overlaps them (the entries go in or are checked a little
        /// later). Changes nothing observable.
        @inline(__always) private static func prefetchAhead(in pairs: PackedInts, after pair: Int, idsByOffset: IntMap)
        {
            let ahead = 2 * (pair + prefetchDistance) + 1
            if ahead < pairs.count { idsByOffset.prefetch(pairs[ahead]) }
        }

        /// Pairs between a slot's prefetch and its use: enough misses in flight to overlap,
        /// few enough that the lines are still cached when used.
        private static let prefetchDistance = 8

        /// Counts into `tally` what this form holds: its arrays, held alone, and what the rest
        /// of the state holds (names, failed ids, the one shared placeholder pool).
        package func countStorage(in tally: inout StorageTally) {
            rest.countStorage(in: &tally)
            pool.countStorage(in: &tally)
            idsAndOffsets.countStorage(in: &tally)
        }

        /// The pool the rest of a compact state holds until it is expanded: one leaf, shared by
        /// every compact state.
        private static let placeholderPool = try! MemoryPool(totalSize: 1)
    }

    /// This state in compact form (see `Compact`).
    package var compact: Compact { Compact(self) }
}
