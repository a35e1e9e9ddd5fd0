import Testing

@testable import PoolCommandLine

@Suite struct SuggestionsTests {
    let commands = ["explore", "run", "play", "demo", "version", "help"]

    @Test func oneOrTwoEditsAwayIsSuggested() {
        #expect(Suggestions.closest(to: "plya", among: commands) == ["play"])
        #expect(Suggestions.closest(to: "dmeo", among: commands) == ["demo"])
        #expect(Suggestions.closest(to: "verison", among: commands) == ["version"])
        #expect(Suggestions.closest(to: "exlpor", among: commands) == ["explore"])  // two edits
    }

    @Test func moreThanTwoEditsIsNot() {
        #expect(Suggestions.closest(to: "frobnicate", among: commands).isEmpty)
        #expect(Suggestions.closest(to: "xyz", among: commands).isEmpty)
        #expect(Suggestions.closest(to: "explode", among: ["explore"], maximumDistance: 0).isEmpty)
    }

    @Test func onlyTheClosestAreKeptAndTiesKeepTheGivenOrder() {
        // "rn" is one edit from "run" and two or more from the others: only "run".
        #expect(Suggestions.closest(to: "rn", among: commands) == ["run"])
        #expect(Suggestions.closest(to: "pun", among: ["run", "pin", "play"]) == ["run", "pin"])
        #expect(Suggestions.closest(to: "pun", among: ["pin", "run"]) == ["pin", "run"])
    }

    @Test func aPrefixCountsAsClosestOnlyWhenAsked() {
        #expect(Suggestions.closest(to: "ver", among: commands, prefixes: true) == ["version"])
        #expect(Suggestions.closest(to: "ver", among: commands).isEmpty)
        #expect(Suggestions.closest(to: "r", among: ["run", "record", "demo"], prefixes: true) == ["run", "record"])
        // A prefix beats a word one edit away.
        #expect(Suggestions.closest(to: "re", among: ["run", "record"], prefixes: true) == ["record"])
    }

    @Test func caseDoesNotCount() {
        #expect(Suggestions.closest(to: "Play", among: commands) == ["play"])
        #expect(Suggestions.closest(to: "dEMO", among: commands) == ["demo"])
    }

    @Test func nothingIsSuggestedForAnEmptyWordOrNoCandidates() {
        #expect(Suggestions.closest(to: "", among: commands, prefixes: true).isEmpty)
        #expect(Suggestions.closest(to: "run", among: []).isEmpty)
    }

    @Test func aCandidateGivenTwiceIsSuggestedOnce() {
        #expect(Suggestions.closest(to: "rn", among: ["run", "run"]) == ["run"])
    }

    @Test func quotedListsReadAsEnglish() {
        #expect(Suggestions.quotedList([]) == "")
        #expect(Suggestions.quotedList(["run"]) == "'run'")
        #expect(Suggestions.quotedList(["run", "record"]) == "'run' or 'record'")
        #expect(Suggestions.quotedList(["a", "b", "c"]) == "'a', 'b' or 'c'")
    }
}
