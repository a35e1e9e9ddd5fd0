/// Which free block an allocation takes, among those that **fit** the request: a free block
/// fits `(size, alignment)` when it holds `size` bytes from its lowest multiple of `alignment`
/// (`alloc(size)` is alignment 1).
///
/// Whatever the policy, the chosen block is used from its start: the block goes at its lowest
/// aligned offset, the gap before becomes padding owned by the block, and the rest stays free
/// after it. `free`, coalescing, errors, `stats`, `regions` and `defragment` do not depend on
/// the policy.
public enum FitPolicy: String, CaseIterable, Sendable {
    /// The lowest-addressed fitting block.
    case first
    /// The first fitting block in address order from the pool's `rover`, wrapping around
    /// once: the free block whose end is above the rover (the one holding it, or else the next
    /// one above), on up to the pool's end, then on from offset 0. When the rover equals the
    /// pool's size the search starts from offset 0. Since the chosen block is used from its
    /// start, a block can land below the rover (when the rover lies inside the chosen block).
    case next
    /// The fitting block with the fewest bytes (its whole length); ties: the lowest address.
    case best
    /// The fitting block with the most bytes; ties: the lowest address.
    case worst
}
