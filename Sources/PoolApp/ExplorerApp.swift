import MemoryMap

/// The interactive explorer as an ``InteractiveApp``: ``ExplorerState`` drawn by the
/// `MemoryMap` renderer.
public struct ExplorerApp: InteractiveApp {
    public private(set) var state: ExplorerState

    public init(state: ExplorerState) {
        self.state = state
    }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        state.reduce(event)
    }

    public func view(width: Int, height: Int) -> Grid {
        ScreenRenderer.render(state.screenModel, width: width, height: height)
    }

    /// Ticks only while something moves; an idle explorer waits for input.
    public var tickInterval: Duration? {
        state.animation.isActive ? ExplorerAnimation.tickInterval : nil
    }
}
