import ArgumentParser
import PoolCommandLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wiring between argument-parser's configuration and `PoolCommandLine`: the commands are read
/// from the root command's configuration, so a new subcommand is known without an edit here.
enum CommandLineConventions {
    /// Exits 64 with `poolmap: unknown command 'X'`, the closest commands and the list of
    /// commands when `arguments` start with a word that names no command of `root` and that
    /// its default command does not accept; otherwise returns.
    static func refuseUnknownCommand(in arguments: [String], of root: ParsableCommand.Type) {
        let commands = summaries(of: root)
        let defaultCommand = root.configuration.defaultSubcommand
        let unknown = UnknownCommand.word(in: arguments, commands: commands) { word in
            guard let defaultCommand else { return false }
            return (try? defaultCommand.parseAsRoot([word])) != nil
        }
        guard let unknown else { return }
        StandardStreams.writeError(
            UnknownCommand.message(for: unknown, commands: commands, toolName: root._commandName))
        exit(ExitCode.validationFailure.rawValue)
    }

    /// The subcommands of `root`, as its configuration declares them, and the `help` command
    /// argument-parser adds to every command that has subcommands.
    static func summaries(of root: ParsableCommand.Type) -> [CommandSummary] {
        let configuration = root.configuration
        guard !configuration.subcommands.isEmpty else { return [] }
        let defaultCommand = configuration.defaultSubcommand.map { ObjectIdentifier($0) }
        return configuration.subcommands.map { command in
            CommandSummary(
                name: command._commandName, aliases: command.configuration.aliases,
                abstract: command.configuration.abstract, isDefault: ObjectIdentifier(command) == defaultCommand,
                isListed: command.configuration.shouldDisplay)
        } + [CommandSummary(name: "help", abstract: "Show subcommand help information.")]
    }
}
