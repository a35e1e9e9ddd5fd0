import MemoryMap

/// The one table from semantic cell styles to colours and attributes, for every colour depth.
///
/// The renderer says what a cell *means* (``CellStyle``); only this table says how that looks.
/// The glyphs already carry the meaning, so colour is an addition: the monochrome column
/// keeps only what helps to read the screen (selection in reverse video, neighbouring blocks
/// told apart by bold, headings bold, secondary text dim).
public enum Palette {
    /// How `style` looks on a terminal with `depth` colours.
    /// - Complexity: O(1).
    public static func look(for style: CellStyle, depth: ColorDepth) -> CellLook {
        switch depth {
        case .full256: return full256(style)
        case .eight: return eight(style)
        case .monochrome: return monochrome(style)
        }
    }

    /// The xterm 256-colour palette: greens for blocks, amber selection, grey free space.
    private static func full256(_ style: CellStyle) -> CellLook {
        switch style {
        case .plain: return .plain
        case .title: return CellLook(foreground: 231, background: 24, attributes: .bold)
        case .dim: return CellLook(foreground: 245)
        case .emphasis: return CellLook(foreground: 231, attributes: .bold)
        case .used(alternate: false): return CellLook(foreground: 35)
        case .used(alternate: true): return CellLook(foreground: 29)
        case .selected: return CellLook(foreground: 214, attributes: .bold)
        case .rover: return CellLook(foreground: 16, background: 201, attributes: .bold)
        case .padding: return CellLook(foreground: 134)
        case .header: return CellLook(foreground: 180)
        case .free: return CellLook(foreground: 240)
        case .sliver: return CellLook(foreground: 45)
        case .appearing: return CellLook(foreground: 120, attributes: .bold)
        case .fading: return CellLook(foreground: 167)
        case .moving: return CellLook(foreground: 81, attributes: .bold)
        case .candidate: return CellLook(foreground: 16, background: 226, attributes: .bold)
        case .tooSmall: return CellLook(foreground: 203)
        case .misaligned: return CellLook(foreground: 213)
        case .fits: return CellLook(foreground: 84, attributes: .bold)
        case .answer: return CellLook(foreground: 16, background: 45, attributes: .bold)
        case .pendingFree: return CellLook(foreground: 179)
        case .unreserved: return CellLook(foreground: 237)
        case .segmentStart: return CellLook(foreground: 228, attributes: .bold)
        case .gaugeFilled: return CellLook(foreground: 208)
        case .gaugeEmpty: return CellLook(foreground: 238)
        case .sparkline: return CellLook(foreground: 75)
        case .ok: return CellLook(foreground: 77)
        case .warning: return CellLook(foreground: 220)
        case .error: return CellLook(foreground: 203, attributes: .bold)
        case .key: return CellLook(foreground: 117, attributes: .bold)
        case .prompt: return CellLook(foreground: 231, background: 237, attributes: .bold)
        case .overlay: return CellLook(foreground: 252, background: 236)
        @unknown default: return .plain
        }
    }

    /// The eight ANSI colours (0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan,
    /// 7 white); bold stands in for the brighter shades 256 colours have.
    private static func eight(_ style: CellStyle) -> CellLook {
        switch style {
        case .plain: return .plain
        case .title: return CellLook(foreground: 7, background: 4, attributes: .bold)
        case .dim: return CellLook(attributes: .dim)
        case .emphasis: return CellLook(attributes: .bold)
        case .used(alternate: false): return CellLook(foreground: 2)
        case .used(alternate: true): return CellLook(foreground: 2, attributes: .bold)
        case .selected: return CellLook(foreground: 3, attributes: .bold)
        case .rover: return CellLook(foreground: 0, background: 5, attributes: .bold)
        case .padding: return CellLook(foreground: 5)
        case .header: return CellLook(foreground: 3)
        case .free: return CellLook(foreground: 7, attributes: .dim)
        case .sliver: return CellLook(foreground: 6, attributes: .bold)
        case .appearing: return CellLook(foreground: 2, attributes: [.bold, .underline])
        case .fading: return CellLook(foreground: 1)
        case .moving: return CellLook(foreground: 6, attributes: .bold)
        case .candidate: return CellLook(foreground: 0, background: 3, attributes: .bold)
        case .tooSmall: return CellLook(foreground: 1)
        case .misaligned: return CellLook(foreground: 5, attributes: .bold)
        case .fits: return CellLook(foreground: 2, attributes: .bold)
        case .answer: return CellLook(foreground: 0, background: 6, attributes: .bold)
        case .pendingFree: return CellLook(foreground: 3)
        case .unreserved: return CellLook(foreground: 0, attributes: .dim)
        case .segmentStart: return CellLook(foreground: 3, attributes: .bold)
        case .gaugeFilled: return CellLook(foreground: 3)
        case .gaugeEmpty: return CellLook(attributes: .dim)
        case .sparkline: return CellLook(foreground: 4, attributes: .bold)
        case .ok: return CellLook(foreground: 2)
        case .warning: return CellLook(foreground: 3, attributes: .bold)
        case .error: return CellLook(foreground: 1, attributes: .bold)
        case .key: return CellLook(foreground: 6, attributes: .bold)
        case .prompt: return CellLook(foreground: 7, background: 0, attributes: .bold)
        case .overlay: return CellLook(foreground: 7, background: 4)
        @unknown default: return .plain
        }
    }

    /// No colours (`--no-color`, `NO_COLOR`, vt100): attributes only.
    private static func monochrome(_ style: CellStyle) -> CellLook {
        switch style {
        case .plain, .used(alternate: false), .padding, .free, .gaugeFilled, .sparkline, .ok, .overlay, .misaligned:
            return .plain
        case .dim, .gaugeEmpty, .fading, .tooSmall: return CellLook(attributes: .dim)
        // A header's glyph (`▀`) tells it apart; underlined, it also reads as the block's start.
        case .header: return CellLook(attributes: .underline)
        case .title: return CellLook(attributes: [.bold, .reverse])
        case .emphasis, .used(alternate: true), .sliver, .warning, .key, .moving, .fits:
            return CellLook(attributes: .bold)
        case .selected, .prompt, .answer: return CellLook(attributes: .reverse)
        case .candidate: return CellLook(attributes: [.reverse, .bold])
        case .rover: return CellLook(attributes: [.reverse, .underline])
        case .appearing: return CellLook(attributes: [.bold, .underline])
        case .error: return CellLook(attributes: [.bold, .underline])
        // Their glyphs (▚ · ▎) carry the meaning; the attributes only help.
        case .pendingFree: return CellLook(attributes: .underline)
        case .unreserved: return CellLook(attributes: .dim)
        case .segmentStart: return CellLook(attributes: .bold)
        @unknown default: return .plain
        }
    }
}
