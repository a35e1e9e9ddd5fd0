import MemoryMap
import PoolScript
import PoolText

/// Plays a whole script into a cast without a terminal (`--record` when stdin or stdout is not
/// a terminal): the same ticks, frames and captions as on screen, on the playback clock.
public enum PlayerRecording {
    /// Seconds the last frame stays up at the end, as the player waits there.
    static let endHoldSeconds = 2.0

    /// Plays `state` from where it stands to the end, recording every frame at `width`×`height`,
    /// and holds the last frame for ``endHoldSeconds``.
    /// - Returns: the recorder, and the player at the end.
    public static func record(
        _ state: PlayerState, width: Int, height: Int, depth: ColorDepth = .full256
    ) -> (CastRecorder, PlayerState) {
        // The whole run is read first, so every frame shows the complete timeline whatever the
        // machine's speed.
        var ready = state
        ready.timeline.scan(through: ready.timeline.totalSteps)
        let (recorder, app) = record(PlayerApp(state: ready), width: width, height: height, depth: depth) {
            $0.state.isFinished && !$0.state.animation.isActive
        }
        return (recorder, app.state)
    }

    /// Drives `app` with ticks until `isDone`, recording every frame, then holds the last one
    /// for ``endHoldSeconds``: the same frames and times as on a terminal.
    static func record<App: RecordableApp>(
        _ app: App, width: Int, height: Int, depth: ColorDepth, isDone: (App) -> Bool
    ) -> (CastRecorder, App) {
        let recorder = CastRecorder(width: width, height: height, depth: depth)
        var app = app
        recorder.record(app.view(width: width, height: height), of: app)
        while !isDone(app) {
            _ = app.handle(.tick)
            recorder.record(app.view(width: width, height: height), of: app)
        }
        let holdTicks = Int((endHoldSeconds / AppTick.seconds).rounded())
        for _ in 0..<holdTicks { _ = app.handle(.tick) }
        recorder.finish(at: app.recordingSeconds)
        return (recorder, app)
    }

    /// `--record FILE` without a terminal: the whole script played into a cast, in colour, never
    /// paused, and what `poolmap run` would report about it.
    public struct Headless {
        /// The cast's text (asciinema v2).
        public var cast: String
        /// Events in the cast (frames and markers).
        var eventCount: Int
        /// The playback clock at the end.
        public var seconds: Double
        /// The cast's width in columns.
        public var width: Int
        /// The cast's height in rows.
        public var height: Int
        /// The runtime errors, `FILE:LINE: error: …`, in step order, the first
        /// `RunOverview.keptErrors` of them (the command then exits 1).
        public var errorLines: [String]
        /// All the runtime errors, kept or not.
        public var errorCount: Int

        /// `recorded demo.pool: 120 events, 14.2 s, 100×30 → demo.cast`.
        public func summary(fileName: String, path: String) -> String {
            "recorded \(fileName): \(eventCount) events, \(NumberText.fixed(seconds, places: 1)) s, "
                + "\(width)×\(height) → \(path)"
        }
    }

    /// Records `state` (a player at the start of its script) headless at `width`×`height`.
    public static func headless(_ state: PlayerState, width: Int, height: Int) -> Headless {
        var playing = state
        playing.monochrome = false
        playing.resume()
        let (recorder, end) = record(playing, width: width, height: height)
        return Headless(
            cast: recorder.text, eventCount: recorder.eventCount, seconds: end.recordingSeconds,
            width: width, height: height, errorLines: end.timeline.overview.errorLines,
            errorCount: end.timeline.overview.errorCount)
    }

    /// Records a comparison headless at `width`×`height`, as `headless(_:width:height:)` does a
    /// player; the errors are the first band's (they do not depend on the policy).
    public static func headless(_ state: CompareState, width: Int, height: Int) -> Headless {
        var ready = state
        ready.monochrome = false
        ready.pacing.isPaused = false
        ready.readToTheEnd()
        let (recorder, app) = record(CompareApp(state: ready), width: width, height: height, depth: .full256) {
            $0.state.isFinished && !$0.state.wantsTicks
        }
        let overview = app.state.bands[0].timeline.overview
        return Headless(
            cast: recorder.text, eventCount: recorder.eventCount, seconds: app.state.pacing.seconds,
            width: width, height: height, errorLines: overview.errorLines, errorCount: overview.errorCount)
    }
}
