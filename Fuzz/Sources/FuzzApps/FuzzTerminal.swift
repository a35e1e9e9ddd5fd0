import FuzzSupport
import MemoryMap
import PoolApp

/// A ``TerminalDevice`` that plays the decoded events one at a time and checks every frame.
///
/// After handing out an event it answers the runner's next poll with nil, so `AppRunner` draws
/// a frame after every event; the runner's waits always get an event (or ``End``), so no tick
/// ever comes from the clock and a run depends on the input alone.
final class FuzzTerminal: TerminalDevice {
    /// Thrown when every event was delivered.
    struct End: Error {}

    private(set) var size: TerminalSize
    let colorDepth: ColorDepth
    var pendingSignal: Int32? { nil }
    private var events: [InputEvent]
    private var next = 0
    /// Whether an event was handed out since the last frame.
    private var owesFrame = false
    private(set) var frames = 0

    init(size: TerminalSize, colorDepth: ColorDepth, events: [InputEvent]) {
        self.size = size
        self.colorDepth = colorDepth
        self.events = events
    }

    var isDone: Bool { next >= events.count }

    func draw(_ grid: Grid) throws {
        owesFrame = false
        frames += 1
        fuzzCheck(
            grid.width == size.width && grid.height == size.height,
            "frame \(frames) is \(grid.width)×\(grid.height) on a \(size) terminal")
        fuzzCheck(grid.cells.count == size.width * size.height, "frame \(frames) holds \(grid.cells.count) cells")
        var checked: Character = " "
        for cell in grid.cells where cell.character != checked {
            checked = cell.character
            for scalar in cell.character.unicodeScalars {
                fuzzCheck(
                    scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value),
                    "frame \(frames) holds control character U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    func nextEvent(timeout: Duration?) throws -> InputEvent? {
        if owesFrame { return nil }
        guard next < events.count else { throw End() }
        let event = events[next]
        next += 1
        owesFrame = true
        if case .resize(let newSize) = event { size = newSize }
        return event
    }
}
