extension CellLook {
    /// The ANSI select-graphic-rendition sequence that sets this look from any previous one
    /// (it resets first): `ESC[0;1;38;5;35m`. Eight-colour looks use the 30–37/40–47 codes.
    func ansiSequence(depth: ColorDepth) -> String {
        var codes = ["0"]
        if attributes.contains(.bold) { codes.append("1") }
        if attributes.contains(.dim) { codes.append("2") }
        if attributes.contains(.underline) { codes.append("4") }
        if attributes.contains(.reverse) { codes.append("7") }
        switch depth {
        case .monochrome:
            break
        case .eight:
            if let foreground { codes.append(String(30 + foreground % 8)) }
            if let background { codes.append(String(40 + background % 8)) }
        case .full256:
            if let foreground { codes.append("38;5;\(foreground)") }
            if let background { codes.append("48;5;\(background)") }
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// The sequence that returns to the terminal's default look.
    static let ansiReset = "\u{1B}[0m"
}
