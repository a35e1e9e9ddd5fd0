/// A subcommand as the unknown-command message lists it, read from the command-line
/// configuration so that a new subcommand is known without editing this module.
package struct CommandSummary: Equatable, Sendable {
    /// What is typed: `run`.
    package var name: String
    /// Other names that run it.
    package var aliases: [String]
    /// One line saying what it does.
    package var abstract: String
    /// Whether it runs when no command is named (`explore`).
    package var isDefault: Bool
    /// Whether `--help` lists it (hidden commands are known but neither listed nor suggested).
    package var isListed: Bool

    package init(name: String, aliases: [String] = [], abstract: String, isDefault: Bool = false, isListed: Bool = true)
    {
        self.name = name
        self.aliases = aliases
        self.abstract = abstract
        self.isDefault = isDefault
        self.isListed = isListed
    }
}

/// A first argument that names no command: `poolmap compre x.pool`.
package enum UnknownCommand {
    /// The first argument when it is a word that is neither an option, nor a command or an
    /// alias, nor something the default command accepts (`defaultAccepts`, asked last); the
    /// word after `help` when it names no command (`help plya`); else nil.
    package static func word(
        in arguments: [String], commands: [CommandSummary], defaultAccepts: (String) -> Bool
    ) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        func isKnown(_ word: String) -> Bool {
            commands.contains { $0.name == word || $0.aliases.contains(word) }
        }
        if first == "help", arguments.count > 1 {
            let second = arguments[1]
            return second.hasPrefix("-") || isKnown(second) ? nil : second
        }
        return isKnown(first) || defaultAccepts(first) ? nil : first
    }

    /// The listed commands closest to `word` (see `Suggestions.closest`; a command that starts
    /// with `word` is closest).
    package static func suggestions(for word: String, commands: [CommandSummary]) -> [String] {
        let listed = commands.filter(\.isListed)
        let names = Suggestions.closest(to: word, among: listed.map(\.name), prefixes: true)
        if !names.isEmpty { return names }
        // An alias that is close suggests its command.
        return listed.filter { !Suggestions.closest(to: word, among: $0.aliases, prefixes: true).isEmpty }.map(\.name)
    }

    /// What standard error says, ending in a newline:
    /// ```
    /// poolmap: unknown command 'plya'; did you mean 'play'?
    ///
    /// The commands are:
    ///   explore  Explore a memory pool interactively: … (the default)
    ///   play     Play a script or trace step by step on the map, with captions.
    ///
    /// See 'poolmap help COMMAND' for a command's options and examples.
    /// ```
    package static func message(for word: String, commands: [CommandSummary], toolName: String) -> String {
        var text = "\(toolName): unknown command '\(word)'"
        let closest = suggestions(for: word, commands: commands)
        if !closest.isEmpty { text += "; did you mean \(Suggestions.quotedList(closest))?" }
        text += "\n\nThe commands are:\n"
        let listed = commands.filter(\.isListed)
        let width = listed.map(\.name.count).max() ?? 0
        for command in listed {
            let padding = String(repeating: " ", count: width - command.name.count + 2)
            var line = "  " + command.name + padding + command.abstract
            if command.isDefault { line += " (the default)" }
            text += line + "\n"
        }
        text += "\nSee '\(toolName) help COMMAND' for a command's options and examples.\n"
        return text
    }
}
