import MemoryMap
import PoolScript

extension PlayerState {
    /// Applies one event: playback keys, help, quit, ticks. Resizes need nothing: the next
    /// frame is laid out for the new size.
    public mutating func reduce(_ event: InputEvent) -> AppAction {
        switch event {
        case .tick:
            tick()
        case .key(let key):
            return press(key)
        case .click, .wheel, .resize:
            break
        }
        return .continue
    }

    private mutating func press(_ key: Key) -> AppAction {
        if isHelpOpen {
            switch key {
            case .character("q"): return .quit
            default: isHelpOpen = false  // any key closes the help
            }
            return .continue
        }
        switch key {
        case .character("q"), .character("Q"):
            return .quit
        case .character("?"), .function(1):
            isHelpOpen = true
        case .character(" "):
            if timeline.isAtEnd { restart() } else { isPaused.toggle() }
        case .character("n"), .right:
            stepForward()
        case .character("b"), .left:
            stepBack()
        case .character("+"), .character("="):
            changeSpeed(by: 2)
        case .character("-"), .character("_"):
            changeSpeed(by: 0.5)
        case .character("g"), .home:
            restart()
        case .escape:
            break
        default:
            break
        }
        return .continue
    }
}
