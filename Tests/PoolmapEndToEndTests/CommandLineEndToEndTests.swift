import Foundation
import PoolCommandLine
import Testing

/// The conventions of the command line: the version, mistyped commands and files, help with
/// examples, shell completions.
@Suite struct CommandLineEndToEndTests {
    /// The subcommands as the root's `--help` lists them, so commands added later are covered.
    static func subcommands() throws -> [String] {
        let help = try Poolmap.run(["--help"]).output
        let section = try #require(help.components(separatedBy: "SUBCOMMANDS:\n").last)
        // One line per command (wrapped abstracts go on indented lines), up to a blank line.
        let lines = section.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
        return lines.compactMap { line in
            guard line.hasPrefix("  "), line.dropFirst(2).first?.isLetter == true else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    @Test func versionPrintsTheVersionAndTheSwiftThatBuiltIt() throws {
        for arguments in [["--version"], ["version"]] {
            let result = try Poolmap.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(
                result.output == "poolmap \(PoolmapVersion.number) (built with Swift \(PoolmapVersion.swiftCompiler))\n"
            )
            #expect(result.error.isEmpty)
        }
        #expect(try Poolmap.run(["--help"]).output.contains("--version"))
    }

    @Test func theChangelogStartsWithThisVersion() throws {
        let changelog = try String(
            contentsOf: PoolmapBinary.packageRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        // An "Unreleased" section may come first: the newest version is the first one named.
        let first = try #require(
            changelog.split(separator: "\n").first { $0.hasPrefix("## ") && $0 != "## Unreleased" })
        #expect(first.hasPrefix("## \(PoolmapVersion.number) "), "\(first)")
    }

    @Test func aMistypedCommandIsNamedWithTheClosestAndTheListAndExits64() throws {
        let result = try Poolmap.run(["plya", "demos/alignment.pool"])
        #expect(result.status == 64)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("poolmap: unknown command 'plya'; did you mean 'play'?\n"))
        for command in try Self.subcommands() {
            #expect(result.error.contains("\n  \(command) "), "lists \(command)")
        }
        #expect(result.error.contains("(the default)"))
        #expect(!result.error.contains("unexpected argument"), "not explore's error")
    }

    @Test func aWordNothingIsCloseToGetsTheListWithoutAGuess() throws {
        let result = try Poolmap.run(["frobnicate", "x.pool"])
        #expect(result.status == 64)
        #expect(result.error.hasPrefix("poolmap: unknown command 'frobnicate'\n\nThe commands are:\n"))
        let help = try Poolmap.run(["help", "rnu"])
        #expect(help.status == 64)
        #expect(help.error.hasPrefix("poolmap: unknown command 'rnu'; did you mean 'run'?\n"))
    }

    /// Explore is the default command: options alone go to it. Without a terminal it refuses with
    /// its own message, which shows the options were taken.
    @Test func theDefaultExploreStillTakesItsOptions() throws {
        for arguments in [["--size", "4KiB"], ["--seed", "3", "--no-color"], ["explore", "--size", "4KiB"], []] {
            let result = try Poolmap.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.error)")
            #expect(result.error.contains("standard input is not a terminal"), "\(arguments)")
            #expect(!result.error.contains("unknown command"), "\(arguments)")
        }
        let typo = try Poolmap.run(["--sise", "4KiB"])
        #expect(typo.status == 64)
        #expect(typo.error.contains("Unknown option '--sise'"))
        #expect(!typo.error.contains("unknown command"))
    }

    @Test func aMistypedFileIsSaidNotToExistWithTheFileMeant() throws {
        for command in ["play", "run"] {
            let result = try Poolmap.run([command, "demos/fragmentaton.pool"])
            #expect(result.status == 1, "\(command)")
            #expect(
                result.error == """
                    poolmap: cannot read demos/fragmentaton.pool: No such file or directory
                    poolmap: did you mean 'demos/fragmentation.pool'?

                    """, "\(command)")
            #expect(result.output.isEmpty)
        }
        let folder = try Poolmap.run(["run", "demo/first-fit.pool"])
        #expect(folder.error.hasSuffix("poolmap: did you mean 'demos/first-fit.pool'?\n"))
    }

    @Test func aMissingFileNamedLikeABuiltInDemoSuggestsTheDemo() throws {
        let empty = try Poolmap.temporaryFile("empty.pool", "")
        let missing = URL(fileURLWithPath: empty).deletingLastPathComponent().appendingPathComponent("alignmnet.pool")
        let result = try Poolmap.run(["run", missing.path])
        #expect(result.status == 1)
        #expect(
            result.error.hasSuffix(
                "No such file or directory\n"
                    + "poolmap: did you mean the built-in demo 'alignment' (poolmap demo alignment)?\n"
            ))
    }

    @Test func completionScriptsGenerateForBashZshAndFish() throws {
        let commands = try Self.subcommands()
        #expect(commands.contains("run") && commands.contains("explore"))
        for shell in ["bash", "zsh", "fish"] {
            let result = try Poolmap.run(["--generate-completion-script", shell])
            #expect(result.status == 0, "\(shell): \(result.error)")
            #expect(result.output.utf8.count > 1000, "\(shell)")
            // Each shell's script offers the command names as whole words.
            let words = Set(result.output.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            for command in commands {
                #expect(words.contains(Substring(command)), "\(shell) completes \(command)")
            }
            #expect(result.output.contains("size"), "\(shell) completes options")
        }
    }

    @Test func everyCommandsHelpHasExamples() throws {
        for command in [nil] + (try Self.subcommands()) {
            let result = try Poolmap.run(command.map { [$0, "--help"] } ?? ["--help"])
            #expect(result.status == 0, "\(command ?? "poolmap")")
            #expect(result.output.contains("Examples"), "\(command ?? "poolmap") --help has examples")
            let examples = result.output.components(separatedBy: "Examples").dropFirst().joined()
            #expect(examples.contains("\n  poolmap "), "\(command ?? "poolmap"): an example command line")
        }
    }
}
