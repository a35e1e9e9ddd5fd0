extension CursesTerminal {
    /// Why the terminal cannot be used for the full-screen app. Each message says what to do.
    package enum StartError: Error, Equatable, CustomStringConvertible {
        /// Standard input or output is a file or a pipe.
        case notATerminal(stream: String)
        /// `TERM` is unset or empty.
        case termUnset
        /// `TERM` names no terminal in the terminfo database.
        case unknownTerminal(String)
        /// The terminal cannot move the cursor (`TERM=dumb`).
        case cannotAddressCursor(String)

        package var description: String {
            switch self {
            case .notATerminal(let stream):
                return "\(stream) is not a terminal: the interactive screen needs one. "
                    + "To run a script or trace without it, use `poolmap run FILE`."
            case .termUnset:
                return "TERM is not set, so the terminal's capabilities are unknown. "
                    + "Set it (e.g. TERM=xterm-256color), or use `poolmap run FILE` for text output."
            case .unknownTerminal(let term):
                return "TERM=\(term) is not a terminal this system knows (no terminfo entry). "
                    + "Try TERM=xterm-256color, or use `poolmap run FILE` for text output."
            case .cannotAddressCursor(let term):
                return "TERM=\(term) cannot move the cursor, so the interactive screen cannot be drawn. "
                    + "Use a full terminal (e.g. TERM=xterm-256color), or `poolmap run FILE` for text output."
            }
        }

        /// Why a terminal is refused, checking in this order: standard input, standard output,
        /// `TERM` set, `TERM` known, the cursor addressable. Nil when it can be used.
        /// - Parameters:
        ///   - inputIsTerminal: whether standard input is a terminal (`isatty`).
        ///   - outputIsTerminal: whether standard output is a terminal.
        ///   - term: the `TERM` variable, nil when unset.
        ///   - canAddressCursor: looks a `TERM` up in terminfo: nil when it has no entry, else
        ///     whether it can move the cursor. Asked only about a `TERM` that is set.
        static func refusal(
            inputIsTerminal: Bool, outputIsTerminal: Bool, term: String?, canAddressCursor: (String) -> Bool?
        ) -> StartError? {
            if !inputIsTerminal { return .notATerminal(stream: "standard input") }
            if !outputIsTerminal { return .notATerminal(stream: "standard output") }
            guard let term, !term.isEmpty else { return .termUnset }
            guard let canAddress = canAddressCursor(term) else { return .unknownTerminal(term) }
            return canAddress ? nil : .cannotAddressCursor(term)
        }
    }
}
