import CNcurses
import PoolApp
import Testing

@testable import CursesTerminal

/// Mouse reports' `bstate`, built from ncurses' own masks.
@Suite struct MouseDecoderTests {
    /// Every bit the decoder reacts to; all others (releases, other buttons, motion, modifier
    /// keys) mean nothing on their own.
    let meaningful =
        PM_BUTTON1_PRESSED | PM_BUTTON1_CLICKED | PM_BUTTON1_DOUBLE_CLICKED | PM_BUTTON4_PRESSED | PM_BUTTON5_PRESSED

    @Test func aLeftPressClickOrDoubleClickIsAClickWhereItHappened() {
        for state in [PM_BUTTON1_PRESSED, PM_BUTTON1_CLICKED, PM_BUTTON1_DOUBLE_CLICKED] {
            #expect(MouseDecoder.event(state: state, row: 3, column: 17) == .click(row: 3, column: 17))
            #expect(MouseDecoder.event(state: state, row: 0, column: 0) == .click(row: 0, column: 0))
        }
    }

    @Test func buttonsFourAndFiveAreTheWheel() {
        #expect(MouseDecoder.event(state: PM_BUTTON4_PRESSED, row: 5, column: 9) == .wheel(.up, row: 5, column: 9))
        #expect(MouseDecoder.event(state: PM_BUTTON5_PRESSED, row: 5, column: 9) == .wheel(.down, row: 5, column: 9))
    }

    @Test func releasesAndEverythingElseAreNoEvent() {
        #expect(MouseDecoder.event(state: PM_BUTTON1_RELEASED, row: 1, column: 1) == nil)
        #expect(MouseDecoder.event(state: 0, row: 1, column: 1) == nil)
        #expect(MouseDecoder.event(state: ~meaningful, row: 1, column: 1) == nil)
    }

    @Test func otherBitsDoNotHideAClickOrAWheelStep() {
        let others = ~meaningful
        #expect(MouseDecoder.event(state: PM_BUTTON1_PRESSED | others, row: 2, column: 4) == .click(row: 2, column: 4))
        #expect(
            MouseDecoder.event(state: PM_BUTTON5_PRESSED | others, row: 2, column: 4)
                == .wheel(.down, row: 2, column: 4))
    }

    @Test func inOneReportTheClickWinsThenTheWheelUp() {
        let all = PM_BUTTON1_PRESSED | PM_BUTTON4_PRESSED | PM_BUTTON5_PRESSED
        #expect(MouseDecoder.event(state: all, row: 7, column: 8) == .click(row: 7, column: 8))
        #expect(
            MouseDecoder.event(state: PM_BUTTON4_PRESSED | PM_BUTTON5_PRESSED, row: 7, column: 8)
                == .wheel(.up, row: 7, column: 8))
    }
}
