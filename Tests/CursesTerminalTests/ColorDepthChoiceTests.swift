import PoolApp
import Testing

@testable import CursesTerminal

@Suite struct ColorDepthChoiceTests {
    @Test func colourIsAllowedUnlessNoColorIsAskedFor() {
        #expect(ColorDepth.isAllowed(noColor: false, environment: [:]))
        #expect(ColorDepth.isAllowed(noColor: false, environment: ["NO_COLOR": "", "TERM": "xterm"]))
        #expect(!ColorDepth.isAllowed(noColor: true, environment: [:]))
        #expect(!ColorDepth.isAllowed(noColor: false, environment: ["NO_COLOR": "1"]))
        // Any value but the empty one counts, "0" and "false" included (no-color.org).
        #expect(!ColorDepth.isAllowed(noColor: false, environment: ["NO_COLOR": "0"]))
        #expect(!ColorDepth.isAllowed(noColor: false, environment: ["NO_COLOR": "false"]))
        #expect(!ColorDepth.isAllowed(noColor: true, environment: ["NO_COLOR": ""]))
    }

    @Test func theDepthFollowsTheTerminalsColourCount() {
        for colors in [0, 1, 2, 7] {
            #expect(ColorDepth.choose(colors: colors) == .monochrome, "\(colors) colours")
        }
        for colors in [8, 16, 88, 255] {
            #expect(ColorDepth.choose(colors: colors) == .eight, "\(colors) colours")
        }
        for colors in [256, 0x100_0000] {
            #expect(ColorDepth.choose(colors: colors) == .full256, "\(colors) colours")
        }
    }
}
