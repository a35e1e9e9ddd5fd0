import PoolAllocator

/// What draws a pool as a recorded allocator laid it out, at a moment of its run: the layout
/// over the map and the panel beside it. A player showing a PyTorch snapshot as recorded holds
/// one; the pool underneath is the player's own (`MemoryPool`, blocks placed at their offsets).
public protocol RecordedView: Sendable {
    /// The pending blocks, unreserved ranges and segments after `position` steps of the run,
    /// over `pool` (the pool at that moment).
    func layout(of pool: MemoryPool, afterSteps position: Int) -> RecordedLayout

    /// The side panel after `position` steps: the recorded figures, then the block at
    /// `selectedOffset` (if any) with `callSite`, where it was allocated.
    func panel(of pool: MemoryPool, afterSteps position: Int, selectedOffset: Int?, callSite: String?) -> [PanelText]

    /// The figures of one line (a comparison band's heading) after `position` steps.
    func figuresLine(of pool: MemoryPool, afterSteps position: Int) -> String
}
