import PoolAllocator
import TestSupport

@testable import MemoryMap
@testable import PoolApp

/// Runs the explorer on a ``FakeTerminal`` through ``AppRunner``, as the real program does.
struct ExplorerDrive {
    var app: ExplorerApp
    let terminal: FakeTerminal
    var outcome: AppRunner.Outcome?

    var state: ExplorerState { app.state }
    var pool: MemoryPool { app.state.pool }
    var lastLog: String { app.state.log.last?.text ?? "" }
    var screen: String { terminal.lastFrame?.text ?? "" }

    /// A fresh explorer on a pool of `poolSize` bytes in a `size` terminal.
    init(poolSize: Int = 1024, size: TerminalSize = TerminalSize(width: 100, height: 30)) throws {
        terminal = FakeTerminal(size: size)
        app = ExplorerApp(state: try ExplorerState(poolSize: poolSize, screenSize: size))
    }

    /// Delivers `events` and runs until they are used up (or the app quits).
    mutating func send(_ events: [InputEvent]) throws {
        terminal.enqueue(events)
        do {
            outcome = try AppRunner.run(&app, on: terminal)
        } catch is FakeTerminal.ScriptEnded {
            outcome = nil
        }
    }

    mutating func type(_ text: String) throws { try send(InputEvent.typing(text)) }

    /// `a`, the size text, Enter.
    mutating func allocate(_ text: String) throws {
        try send([.character("a")] + InputEvent.typing(text) + [.key(.enter)])
    }

    /// `A`, the `SIZE ALIGN` text, Enter.
    mutating func allocateAligned(_ text: String) throws {
        try send([.character("A")] + InputEvent.typing(text) + [.key(.enter)])
    }

    /// The screen position of the map cell holding byte `offset`, if in view.
    func screenPosition(ofByte offset: Int) -> (row: Int, column: Int)? {
        let layout = state.layout
        guard let cell = state.mapGeometry.cell(holding: offset) else { return nil }
        return (layout.mapTopRow + cell / layout.mapColumns, layout.mapColumn + cell % layout.mapColumns)
    }
}
