import MemoryMap
import PoolApp

/// The quiz as an app: ``QuizState`` drawn by the `MemoryMap` renderer, recordable as a cast
/// (`--record`): its clock counts ticks and half a second per key or click, and each answer is
/// a marker.
public struct QuizApp: RecordableApp {
    public private(set) var state: QuizState

    public init(state: QuizState) {
        self.state = state
    }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        state.reduce(event)
    }

    public func view(width: Int, height: Int) -> Grid {
        ScreenRenderer.render(state.screenModel, width: width, height: height)
    }

    /// Ticks while something moves or statements play; a question waits for the student.
    public var tickInterval: Duration? {
        state.wantsTicks ? QuizState.tickInterval : nil
    }

    public var recordingSeconds: Double { state.recordingSeconds }

    public var recordingMarks: [CastMark] { state.answerMarks }
}
