import Testing

@testable import PoolRecord

@Suite struct ShellQuotingTests {
    @Test func plainWordsStayBare() {
        #expect(
            ShellQuoting.commandLine(["python3", "-c", "x=1", "a/b.trace", "k:v,w@h%+"])
                == "python3 -c x=1 a/b.trace k:v,w@h%+")
    }

    @Test func otherWordsAreQuoted() {
        #expect(ShellQuoting.quote("print(sum(range(10)))") == "'print(sum(range(10)))'")
        #expect(ShellQuoting.quote("") == "''")
        #expect(ShellQuoting.quote("it's") == "'it'\\''s'")
        #expect(ShellQuoting.quote("a b") == "'a b'")
        #expect(ShellQuoting.quote("é") == "'é'")
    }

    @Test func controlCharactersUseDollarQuotes() {
        #expect(ShellQuoting.quote("a\nb") == "$'a\\nb'")
        #expect(ShellQuoting.quote("tab\there\\ 'q'\u{1}\u{7F}") == "$'tab\\there\\\\ \\'q\\'\\x01\\x7f'")
        // Never a line break in the result: it goes into a comment line.
        #expect(!ShellQuoting.commandLine(["x", "1\n2\r3"]).contains("\n"))
        #expect(!ShellQuoting.commandLine(["x", "1\n2\r3"]).contains("\r"))
    }
}
