import PoolApp
import Testing

/// Checks one app against the one rule for quit and help (`QuitAndHelp`), through
/// ``AppRunner`` on a ``FakeTerminal`` as the real program runs it: outside a prompt `q` and
/// `Q` quit; with the help open, Esc, `?`, F1 and `q` close it and another key does nothing;
/// inside a prompt `q` is typed.
public struct QuitAndHelpRule<App: InteractiveApp> {
    /// A fresh app, no prompt open, the help closed.
    public var make: () throws -> App
    /// Whether the app's help is open.
    public var isHelpOpen: (App) -> Bool
    /// A key that changes the app when the help is closed (to show that it does nothing under it).
    public var otherKey: InputEvent
    /// An app with its text prompt open, and what that prompt holds.
    public var prompted: () throws -> App
    public var promptText: (App) -> String?

    public init(
        make: @escaping () throws -> App, isHelpOpen: @escaping (App) -> Bool, otherKey: InputEvent,
        prompted: @escaping () throws -> App, promptText: @escaping (App) -> String?
    ) {
        self.make = make
        self.isHelpOpen = isHelpOpen
        self.otherKey = otherKey
        self.prompted = prompted
        self.promptText = promptText
    }

    /// Runs every case of the rule.
    public func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        for quit in ["q", "Q"] as [Character] {
            var app = try make()
            #expect(
                try Self.run(&app, [.character(quit)]).outcome == .quit, "\(quit) quits", sourceLocation: sourceLocation
            )
        }
        for closer in [Key.character("q"), .escape, .character("?"), .function(1)] {
            var app = try make()
            let terminal = try Self.run(&app, [.character("?")]).terminal
            #expect(isHelpOpen(app), "? opens the help", sourceLocation: sourceLocation)
            let before = terminal.lastFrame
            #expect(try Self.run(&app, [otherKey], on: terminal).outcome == nil, sourceLocation: sourceLocation)
            #expect(isHelpOpen(app), "\(otherKey) leaves the help open", sourceLocation: sourceLocation)
            #expect(
                terminal.lastFrame == before, "\(otherKey) does nothing under the help", sourceLocation: sourceLocation)
            #expect(try Self.run(&app, [.key(closer)], on: terminal).outcome == nil, sourceLocation: sourceLocation)
            #expect(!isHelpOpen(app), "\(closer) closes the help", sourceLocation: sourceLocation)
        }
        var app = try prompted()
        let typedBefore = promptText(app) ?? "(no prompt)"
        #expect(try Self.run(&app, [.character("q"), .character("Q")]).outcome == nil, sourceLocation: sourceLocation)
        #expect(promptText(app) == typedBefore + "qQ", "q and Q are typed in a prompt", sourceLocation: sourceLocation)
    }

    /// Delivers `events` to `app` until they are used up or it quits.
    static func run(
        _ app: inout App, _ events: [InputEvent], on terminal: FakeTerminal = FakeTerminal()
    ) throws -> (outcome: AppRunner.Outcome?, terminal: FakeTerminal) {
        terminal.enqueue(events)
        do {
            return (try AppRunner.run(&app, on: terminal), terminal)
        } catch is FakeTerminal.ScriptEnded {
            return (nil, terminal)
        }
    }
}
