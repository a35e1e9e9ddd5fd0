import ArgumentParser
import PoolCommandLine

/// `poolmap`: the root command. With no subcommand it opens the interactive explorer.
@main
struct Poolmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poolmap",
        abstract: "See a GPU-style memory pool: allocate, free, defragment, and watch the map.",
        discussion: """
            With no command, poolmap opens the explorer: `poolmap [--size SIZE] [--seed N] [--no-color]` \
            is `poolmap explore` with those options.

            Examples:
              poolmap
                  explore an empty 64 KiB pool
              poolmap --size 4KiB --seed 3
                  explore a 4 KiB pool; r and R draw from seed 3
              poolmap demo
                  a pool fragments until an allocation fails; a defragment saves it
              poolmap help play
                  a command's options and examples
            """,
        version: PoolmapVersion.description,
        subcommands: [
            Explore.self, Run.self, Play.self, Demo.self, Compare.self, Quiz.self, WorksheetCommand.self, Record.self,
            Convert.self,
            Ostep.self,
            Version.self,
        ],
        defaultSubcommand: Explore.self
    )

    /// Refuses a mistyped command (`poolmap plya`) before argument-parser would read it as an
    /// argument of the default command, then parses and runs as usual.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        CommandLineConventions.refuseUnknownCommand(in: arguments, of: Poolmap.self)
        main(arguments)
    }
}
