import Testing

@testable import CursesTerminal

/// The refusals: each message word for word, and which one a terminal gets.
@Suite struct StartErrorTests {
    typealias StartError = CursesTerminal.StartError

    @Test func eachMessageSaysWhatIsWrongAndWhatToDo() {
        #expect(
            StartError.notATerminal(stream: "standard input").description
                == "standard input is not a terminal: the interactive screen needs one. "
                + "To run a script or trace without it, use `poolmap run FILE`.")
        #expect(
            StartError.notATerminal(stream: "standard output").description
                == "standard output is not a terminal: the interactive screen needs one. "
                + "To run a script or trace without it, use `poolmap run FILE`.")
        #expect(
            StartError.termUnset.description
                == "TERM is not set, so the terminal's capabilities are unknown. "
                + "Set it (e.g. TERM=xterm-256color), or use `poolmap run FILE` for text output.")
        #expect(
            StartError.unknownTerminal("vt9000").description
                == "TERM=vt9000 is not a terminal this system knows (no terminfo entry). "
                + "Try TERM=xterm-256color, or use `poolmap run FILE` for text output.")
        #expect(
            StartError.cannotAddressCursor("dumb").description
                == "TERM=dumb cannot move the cursor, so the interactive screen cannot be drawn. "
                + "Use a full terminal (e.g. TERM=xterm-256color), or `poolmap run FILE` for text output.")
    }

    /// A terminfo lookup that must not happen.
    func noLookup(_ term: String) -> Bool? {
        Issue.record("terminfo looked up for TERM=\(term)")
        return true
    }

    @Test func standardInputIsCheckedFirstThenStandardOutput() {
        #expect(
            StartError.refusal(inputIsTerminal: false, outputIsTerminal: false, term: nil, canAddressCursor: noLookup)
                == .notATerminal(stream: "standard input"))
        #expect(
            StartError.refusal(
                inputIsTerminal: true, outputIsTerminal: false, term: "xterm", canAddressCursor: noLookup)
                == .notATerminal(stream: "standard output"))
    }

    @Test func anUnsetOrEmptyTermIsRefusedWithoutALookup() {
        #expect(
            StartError.refusal(inputIsTerminal: true, outputIsTerminal: true, term: nil, canAddressCursor: noLookup)
                == .termUnset)
        #expect(
            StartError.refusal(inputIsTerminal: true, outputIsTerminal: true, term: "", canAddressCursor: noLookup)
                == .termUnset)
    }

    @Test func terminfoDecidesTheRest() {
        var asked: [String] = []
        func lookup(_ answer: Bool?) -> (String) -> Bool? {
            { term in
                asked.append(term)
                return answer
            }
        }
        #expect(
            StartError.refusal(
                inputIsTerminal: true, outputIsTerminal: true, term: "vt9000", canAddressCursor: lookup(nil))
                == .unknownTerminal("vt9000"))
        #expect(
            StartError.refusal(
                inputIsTerminal: true, outputIsTerminal: true, term: "dumb", canAddressCursor: lookup(false))
                == .cannotAddressCursor("dumb"))
        #expect(
            StartError.refusal(
                inputIsTerminal: true, outputIsTerminal: true, term: "xterm-256color", canAddressCursor: lookup(true))
                == nil)
        #expect(asked == ["vt9000", "dumb", "xterm-256color"])
    }
}
