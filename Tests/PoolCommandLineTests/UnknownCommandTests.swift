import Testing

@testable import PoolCommandLine

@Suite struct UnknownCommandTests {
    let commands = [
        CommandSummary(name: "explore", abstract: "Explore a pool.", isDefault: true),
        CommandSummary(name: "run", abstract: "Run a script."),
        CommandSummary(name: "play", aliases: ["p"], abstract: "Play a script."),
        CommandSummary(name: "secret", abstract: "Hidden.", isListed: false),
        CommandSummary(name: "help", abstract: "Show subcommand help information."),
    ]

    func word(_ arguments: [String], defaultAccepts: Bool = false) -> String? {
        UnknownCommand.word(in: arguments, commands: commands) { _ in defaultAccepts }
    }

    @Test func aWordThatNamesNoCommandIsUnknown() {
        #expect(word(["plya"]) == "plya")
        #expect(word(["compre", "x.pool"]) == "compre")
        #expect(word([""]) == "")
    }

    @Test func optionsCommandsAliasesAndHiddenCommandsAreNot() {
        #expect(word([]) == nil)
        #expect(word(["--size", "4KiB"]) == nil)
        #expect(word(["--seed", "3", "--no-color"]) == nil)
        #expect(word(["-h"]) == nil)
        #expect(word(["--version"]) == nil)
        #expect(word(["-"]) == nil)
        #expect(word(["run", "x.pool"]) == nil)
        #expect(word(["p", "x.pool"]) == nil)
        #expect(word(["secret"]) == nil)
        #expect(word(["help"]) == nil)
        #expect(word(["help", "run"]) == nil)
    }

    @Test func aWordTheDefaultCommandAcceptsIsNotUnknown() {
        #expect(word(["x.pool"], defaultAccepts: true) == nil)
    }

    @Test func theDefaultCommandIsAskedOnlyAboutTheFirstWordThatNamesNoCommand() {
        var asked: [String] = []
        _ = UnknownCommand.word(in: ["plya", "x"], commands: commands) {
            asked.append($0)
            return false
        }
        #expect(asked == ["plya"])
        asked = []
        _ = UnknownCommand.word(in: ["run", "x"], commands: commands) {
            asked.append($0)
            return false
        }
        #expect(asked.isEmpty)
    }

    @Test func helpFollowedByAnUnknownWordNamesThatWord() {
        #expect(word(["help", "plya"]) == "plya")
        #expect(word(["help", "--help"]) == nil)
    }

    @Test func theMessageSaysWhatWasUnknownWhatIsClosestAndListsTheCommands() {
        let message = UnknownCommand.message(for: "plya", commands: commands, toolName: "poolmap")
        #expect(
            message == """
                poolmap: unknown command 'plya'; did you mean 'play'?

                The commands are:
                  explore  Explore a pool. (the default)
                  run      Run a script.
                  play     Play a script.
                  help     Show subcommand help information.

                See 'poolmap help COMMAND' for a command's options and examples.

                """)
    }

    @Test func withNothingCloseTheMessageOnlyLists() {
        let message = UnknownCommand.message(for: "frobnicate", commands: commands, toolName: "poolmap")
        #expect(message.hasPrefix("poolmap: unknown command 'frobnicate'\n\nThe commands are:\n"))
        #expect(!message.contains("did you mean"))
    }

    @Test func hiddenCommandsAreNeitherListedNorSuggested() {
        let message = UnknownCommand.message(for: "secre", commands: commands, toolName: "poolmap")
        #expect(!message.contains("secret"))
    }

    @Test func aPrefixOrSeveralEqualCandidatesAreAllSuggested() {
        #expect(UnknownCommand.suggestions(for: "r", commands: commands) == ["run"])
        #expect(UnknownCommand.suggestions(for: "pun", commands: commands) == ["run"])
        let more = commands + [CommandSummary(name: "pun", abstract: "")]
        #expect(UnknownCommand.suggestions(for: "pu", commands: more) == ["pun"])
        #expect(UnknownCommand.suggestions(for: "rlay", commands: commands) == ["play"])
        #expect(UnknownCommand.suggestions(for: "pux", commands: more) == ["pun"])
        #expect(UnknownCommand.suggestions(for: "xun", commands: more) == ["run", "pun"])
    }

    @Test func aCloseAliasSuggestsItsCommand() {
        let aliased = [
            CommandSummary(name: "defragment", aliases: ["defrag"], abstract: ""),
            CommandSummary(name: "run", abstract: ""),
        ]
        #expect(UnknownCommand.suggestions(for: "defarg", commands: aliased) == ["defragment"])
    }

    @Test func aNewCommandIsKnownAndSuggestedWithoutAnEditHere() {
        let more = commands + [CommandSummary(name: "compare", abstract: "Compare two runs.")]
        #expect(
            UnknownCommand.message(for: "compre", commands: more, toolName: "poolmap")
                .hasPrefix("poolmap: unknown command 'compre'; did you mean 'compare'?\n"))
        #expect(UnknownCommand.word(in: ["compare"], commands: more) { _ in false } == nil)
    }
}
