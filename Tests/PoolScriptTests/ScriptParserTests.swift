import Testing

@testable import PoolScript

/// Parses `text`, expecting success.
func parsed(_ text: String, file: String = "t.pool") throws -> [Action] {
    try ScriptParser.parse(text, fileName: file).statements.map(\.action)
}

/// The diagnostics of `text`, rendered; empty when it parses.
func diagnostics(_ text: String, file: String = "t.pool") -> String {
    do {
        _ = try ScriptParser.parse(text, fileName: file)
        return ""
    } catch {
        return error.description
    }
}

@Suite struct ScriptParserTests {
    @Test func everyStatementOfTheIssue() throws {
        let text = """
            pool 1KiB                      # a fresh, empty pool (default 64KiB if no pool statement comes first)
            a = alloc 256                  # allocate and name the block
            b = alloc 200 align 256        # aligned allocation
            alloc 64                       # unnamed allocation
            free a                         # free a named block (the name becomes unbound)
            free 512                       # or free by offset (a name bound to that block becomes unbound)
            defrag                         # defragment; names follow their blocks to the new offsets
            stats                          # record the pool's figures as this step's result
            say "Freeing b leaves a hole"  # a caption shown while playing
            wait 1.5s                      # a pause while playing (ignored headless); also 500ms
            wait 500ms
            random 200 seed 7              # 200 random alloc/free operations, reproducible (seed defaults to 1)
            random 3

            # a comment line
            """
        let script = try ScriptParser.parse(text, fileName: "issue.pool")
        #expect(script.kind == .script)
        #expect(script.statements.map(\.line) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
        #expect(
            script.statements.map(\.action) == [
                .pool(size: 1024),
                .alloc(name: "a", size: 256, alignment: nil),
                .alloc(name: "b", size: 200, alignment: 256),
                .alloc(name: nil, size: 64, alignment: nil),
                .free(.name("a")),
                .free(.offset(512)),
                .defrag,
                .stats,
                .say("Freeing b leaves a hole"),
                .wait(milliseconds: 1500),
                .wait(milliseconds: 500),
                .random(count: 200, seed: 7),
                .random(count: 3, seed: 1),
            ])
    }

    @Test func sizesUseTheOneGrammar() throws {
        #expect(
            try parsed("alloc 256\nalloc 4KiB\nalloc 0x100\nalloc 2M\nalloc 1G\nalloc 3K\nalloc 7B")
                == [
                    256, 4096, 256, 2 << 20, 1 << 30, 3072, 7,
                ].map { .alloc(name: nil, size: $0, alignment: nil) })
        #expect(
            try parsed("free 0\nfree 0x200\nfree 1KiB") == [
                .free(.offset(0)), .free(.offset(512)), .free(.offset(1024)),
            ])
    }

    @Test func spacingTabsCRLFAndCommentsAreForgiven() throws {
        #expect(
            try parsed("\ta=alloc 5 align 8#c\r\n  free\ta\r\nsay \"# not a comment\" # but this is\n") == [
                .alloc(name: "a", size: 5, alignment: 8), .free(.name("a")), .say("# not a comment"),
            ])
        #expect(try parsed("say \"quote \\\" backslash \\\\ tab \\t\"") == [.say("quote \" backslash \\ tab \t")])
        #expect(
            try parsed("_x9 = alloc 1\nnaïve = alloc 2") == [
                .alloc(name: "_x9", size: 1, alignment: nil), .alloc(name: "naïve", size: 2, alignment: nil),
            ])
        #expect(try parsed("") == [])
        #expect(try parsed("\n\n# only comments\n") == [])
        #expect(
            try parsed("random 5 seed 0xFF\nrandom 1 seed 18446744073709551615") == [
                .random(count: 5, seed: 255), .random(count: 1, seed: .max),
            ])
        #expect(
            try parsed("wait 0.25s\nwait 2s\nwait .5s\nwait 3ms") == [
                .wait(milliseconds: 250), .wait(milliseconds: 2000), .wait(milliseconds: 500), .wait(milliseconds: 3),
            ])
    }

    @Test func everyErrorMessageInOnePass() {
        let text = """
            pool 0
            a = alloc abc align 0
            foo 5
            free -3
            1a = alloc 5
            say hello
            say "unterminated
            wait 5x
            random 0 seed x
            alloc 99999999999999999999
            = alloc 3
            alloc
            b = free 4
            alloc 5 extra
            wait -1s
            random 2000000
            alloc 4 align
            \tpool
            free a-b
            say "bad \\q escape"
            c =
            "caption"
            wait 7200s
            random 5 seed
            random 5 seed 99999999999999999999
            alloc -5
            pool 0x
            free "x"
            alloc 2 align -8
            random -1
            random 1x
            wait
            random
            free
            say
            """
        #expect(
            diagnostics(text) == """
                t.pool:1:6: error: a pool size must be positive, not 0
                pool 0
                     ^
                t.pool:2:11: error: 'abc' is not a size; sizes look like 256, 4KiB, 0x100 or 2M
                a = alloc abc align 0
                          ^
                t.pool:2:21: error: an alignment must be positive, not 0
                a = alloc abc align 0
                                    ^
                t.pool:3:1: error: unknown statement 'foo'; expected 'pool', 'heap', 'alloc', 'free', 'defrag', 'stats', \
                'say', 'wait', 'random', 'compare' or 'NAME = alloc'
                foo 5
                ^
                t.pool:4:6: error: an offset cannot be negative: -3
                free -3
                     ^
                t.pool:5:1: error: '1a' is not a name; names start with a letter or _ and go on with letters, digits \
                or _
                1a = alloc 5
                ^
                t.pool:6:5: error: 'say' needs a quoted caption, e.g. say "hello"
                say hello
                    ^
                t.pool:7:5: error: unterminated string: it needs a closing "
                say "unterminated
                    ^
                t.pool:8:6: error: '5x' is not a duration; durations look like 1.5s or 500ms
                wait 5x
                     ^
                t.pool:9:8: error: a random count must be positive, not 0
                random 0 seed x
                       ^
                t.pool:9:15: error: 'x' is not a seed; seeds are whole numbers from 0 to 18446744073709551615
                random 0 seed x
                              ^
                t.pool:10:7: error: size 99999999999999999999 is too large; the largest is 9223372036854775807 bytes
                alloc 99999999999999999999
                      ^
                t.pool:11:1: error: '=' needs a name before it, e.g. a = alloc 256
                = alloc 3
                ^
                t.pool:12:6: error: 'alloc' needs a size, e.g. alloc 256
                alloc
                     ^
                t.pool:13:5: error: expected 'alloc' after '=', not 'free'
                b = free 4
                    ^
                t.pool:14:9: error: unexpected 'extra' after the statement
                alloc 5 extra
                        ^
                t.pool:15:6: error: a wait cannot be negative: -1s
                wait -1s
                     ^
                t.pool:16:8: error: random count 2000000 is too large; at most 1000000 operations per statement
                random 2000000
                       ^
                t.pool:17:14: error: 'align' needs an alignment, e.g. align 256
                alloc 4 align
                             ^
                t.pool:18:6: error: 'pool' needs a pool size, e.g. pool 1KiB
                \tpool
                \t    ^
                t.pool:19:6: error: 'a-b' is not a name or an offset
                free a-b
                     ^
                t.pool:20:10: error: unknown escape '\\q' in a string; use \\", \\\\, \\n or \\t
                say "bad \\q escape"
                         ^
                t.pool:21:4: error: expected 'alloc' after '=', e.g. c = alloc 256
                c =
                   ^
                t.pool:22:1: error: a statement cannot start with a string; did you mean say "caption"?
                "caption"
                ^
                t.pool:23:6: error: wait 7200s is too long; waits are at most 1 hour
                wait 7200s
                     ^
                t.pool:24:14: error: 'seed' needs a number, e.g. seed 7
                random 5 seed
                             ^
                t.pool:25:15: error: seed 99999999999999999999 is too large; seeds go from 0 to 18446744073709551615
                random 5 seed 99999999999999999999
                              ^
                t.pool:26:7: error: a size must be positive, not -5
                alloc -5
                      ^
                t.pool:27:6: error: '0x' is not a pool size; sizes look like 256, 4KiB, 0x100 or 2M
                pool 0x
                     ^
                t.pool:28:6: error: 'free' needs a name or an offset, not "x"
                free "x"
                     ^
                t.pool:29:15: error: an alignment must be positive, not -8
                alloc 2 align -8
                              ^
                t.pool:30:8: error: a random count must be positive, not -1
                random -1
                       ^
                t.pool:31:8: error: '1x' is not a count; counts are whole numbers like 200
                random 1x
                       ^
                t.pool:32:5: error: 'wait' needs a duration, e.g. wait 1.5s or wait 500ms
                wait
                    ^
                t.pool:33:7: error: 'random' needs a count, e.g. random 200 seed 7
                random
                      ^
                t.pool:34:5: error: 'free' needs a name or an offset, e.g. free a or free 512
                free
                    ^
                t.pool:35:4: error: 'say' needs a quoted caption, e.g. say "Freeing b leaves a hole"
                say
                   ^
                37 errors in t.pool
                """)
    }

    @Test func binaryAndNonUTF8Files() {
        let binary: [UInt8] = Array("pool 1K\nalloc 4".utf8) + [0, 1, 2, 0xFF] + Array("\nmore".utf8)
        var message = ""
        do { _ = try ScriptParser.parse(binary, fileName: "b.pool") } catch { message = error.description }
        #expect(
            message == """
                b.pool:2:8: error: binary file: a NUL byte where text was expected
                alloc 4
                       ^
                1 error in b.pool
                """)
        let latin1: [UInt8] =
            Array("say \"caf".utf8) + [0xE9] + Array("\"\nalloc 5\n".utf8) + [0xC3] + Array("x = alloc 1".utf8)
        do {
            _ = try ScriptParser.parse(latin1, fileName: "l.pool")
            Issue.record("parsed")
        } catch {
            #expect(
                error.description == """
                    l.pool:1:9: error: not UTF-8 text: byte 0xE9 cannot start or continue a character
                    say "caf\u{FFFD}"
                            ^
                    l.pool:3:1: error: not UTF-8 text: byte 0xC3 cannot start or continue a character
                    \u{FFFD}x = alloc 1
                    ^
                    2 errors in l.pool
                    """)
        }
    }

    @Test func controlCharactersAreNotEchoed() {
        #expect(
            diagnostics("say \u{1B}[31m") == """
                t.pool:1:5: error: 'say' needs a quoted caption, e.g. say "\u{FFFD}[31m"
                say \u{FFFD}[31m
                    ^
                1 error in t.pool
                """)
    }

    @Test func statementsPrintAsTheyAreWritten() throws {
        let text =
            "pool 1024\na = alloc 256\nb = alloc 200 align 256\nfree a\nfree 512\ndefrag\nstats\n"
            + "say \"x \\\"y\\\"\"\nwait 1.5s\nwait 500ms\nwait 2s\nrandom 200 seed 7"
        #expect(try parsed(text).map(\.description) == text.split(separator: "\n").map(String.init))
    }
}
