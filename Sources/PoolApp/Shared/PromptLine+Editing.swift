import MemoryMap

/// What a key did to a prompt line.
package enum PromptEdit: Equatable, Sendable {
    /// The text changed, or the key was ignored: keep asking.
    case editing
    /// Enter: use the text.
    case confirm
    /// Esc: close the prompt, nothing done.
    case cancel
}

extension PromptLine {
    /// Most characters a prompt takes; typing more is refused with a message.
    static let maximumLength = 64

    /// Typing in a prompt, the same in every app: printable characters, Backspace/Delete,
    /// Enter to confirm, Esc to cancel. Editing clears the last refusal.
    package mutating func edit(with key: Key) -> PromptEdit {
        switch key {
        case .escape:
            return .cancel
        case .enter:
            return .confirm
        case .backspace, .delete:
            if !text.isEmpty { text.removeLast() }
            error = nil
        case .character(let character):
            if text.count >= Self.maximumLength {
                error = "at most \(Self.maximumLength) characters"
            } else if character.isPromptInput {
                text.append(character)
                error = nil
            }
        default:
            break
        }
        return .editing
    }
}

extension Character {
    /// Whether a prompt accepts this character: anything printable on one line.
    var isPromptInput: Bool {
        unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return false
            default: return true
            }
        }
    }
}
