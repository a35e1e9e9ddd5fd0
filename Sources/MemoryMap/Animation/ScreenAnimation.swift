/// What is moving on the map in this frame. The app advances it on timer ticks and clears it
/// when done; the renderer only draws the state it is given.
public struct ScreenAnimation: Equatable, Sendable {
    /// Footprints (`block.start..<block.end`) of blocks that just appeared: drawn `.appearing`.
    public var appearing: [Range<Int>]
    /// Footprints of blocks freed just now (free in the pool already): drawn `.fading`.
    public var fading: [Range<Int>]
    /// A defragment in progress: moved blocks drawn between their old and new offsets.
    public var slide: SlideAnimation?
    /// An allocation's search made visible: free blocks marked with verdicts, listed in the panel.
    public var search: SearchView?

    /// Creates the frame's animation; by default nothing moves.
    public init(
        appearing: [Range<Int>] = [], fading: [Range<Int>] = [], slide: SlideAnimation? = nil,
        search: SearchView? = nil
    ) {
        self.appearing = appearing
        self.fading = fading
        self.slide = slide
        self.search = search
    }

    /// Nothing moving.
    public static let none = ScreenAnimation()

    /// Whether anything is animated.
    public var isActive: Bool { !appearing.isEmpty || !fading.isEmpty || slide != nil }
}
