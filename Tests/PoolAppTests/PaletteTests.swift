import Testing

@testable import MemoryMap
@testable import PoolApp

@Suite struct PaletteTests {
    static let styles: [CellStyle] = [
        .plain, .title, .dim, .emphasis, .used(alternate: false), .used(alternate: true), .selected,
        .padding, .free, .sliver, .appearing, .fading, .moving, .gaugeFilled, .gaugeEmpty, .sparkline,
        .ok, .warning, .error, .key, .prompt, .overlay, .rover, .candidate, .tooSmall, .misaligned, .fits, .answer,
        .pendingFree, .unreserved, .segmentStart,
    ]

    @Test func eightColourLooksUseOnlyTheEightColours() {
        for style in Self.styles {
            let look = Palette.look(for: style, depth: .eight)
            #expect((look.foreground ?? 0) < 8 && (look.background ?? 0) < 8, "\(style)")
        }
    }

    @Test func monochromeHasNoColoursAndStillMarksTheSelection() {
        for style in Self.styles {
            let look = Palette.look(for: style, depth: .monochrome)
            #expect(look.foreground == nil && look.background == nil, "\(style)")
        }
        #expect(Palette.look(for: .selected, depth: .monochrome).attributes.contains(.reverse))
        #expect(
            Palette.look(for: .used(alternate: true), depth: .monochrome)
                != Palette.look(for: .used(alternate: false), depth: .monochrome))
    }

    @Test func neighbouringBlocksAndSelectionDifferAtEveryDepth() {
        for depth in [ColorDepth.monochrome, .eight, .full256] {
            let looks = [CellStyle.used(alternate: false), .used(alternate: true), .selected]
                .map { Palette.look(for: $0, depth: depth) }
            #expect(Set(looks).count == 3, "\(depth)")
        }
    }

    /// The search's marks tell their verdicts apart by colour where there is colour (the glyphs
    /// `×` `≠` `✓` do without), and the block being looked at and the answer stand out everywhere.
    @Test func searchMarksDifferAtEveryDepth() {
        for depth in [ColorDepth.eight, .full256] {
            let looks = [CellStyle.candidate, .tooSmall, .misaligned, .fits, .answer, .free]
                .map { Palette.look(for: $0, depth: depth) }
            #expect(Set(looks).count == looks.count, "\(depth)")
        }
        for style in [CellStyle.candidate, .answer] {
            #expect(Palette.look(for: style, depth: .monochrome).attributes.contains(.reverse), "\(style)")
        }
    }

    /// A recorded layout's pending blocks, unreserved bytes and segment starts look unlike
    /// used and free bytes and each other where there is colour (their glyphs do without).
    @Test func recordedLayoutStylesDifferAtEveryDepth() {
        for depth in [ColorDepth.eight, .full256] {
            let looks = [CellStyle.used(alternate: false), .free, .pendingFree, .unreserved, .segmentStart]
                .map { Palette.look(for: $0, depth: depth) }
            #expect(Set(looks).count == looks.count, "\(depth)")
        }
    }

    @Test func ansiSequences() {
        let look = CellLook(foreground: 35, background: 236, attributes: [.bold, .reverse])
        #expect(look.ansiSequence(depth: .full256) == "\u{1B}[0;1;7;38;5;35;48;5;236m")
        #expect(CellLook(foreground: 2).ansiSequence(depth: .eight) == "\u{1B}[0;32m")
        #expect(look.ansiSequence(depth: .monochrome) == "\u{1B}[0;1;7m")
    }
}
