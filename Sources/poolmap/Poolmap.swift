import ArgumentParser

/// `poolmap`: the root command. With no subcommand it opens the interactive explorer.
@main
struct Poolmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poolmap",
        abstract: "See a GPU-style memory pool: allocate, free, defragment, and watch the map.",
        subcommands: [Explore.self, Run.self, Play.self, Demo.self, Record.self],
        defaultSubcommand: Explore.self
    )
}
