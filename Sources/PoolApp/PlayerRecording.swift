import MemoryMap
import PoolScript

/// Plays a whole script into a cast without a terminal (`--record` when stdin or stdout is not
/// a terminal): the same ticks, frames and captions as on screen, on the playback clock.
public enum PlayerRecording {
    /// Plays `state` from where it stands to the end, recording every frame at `width`×`height`,
    /// and hold the last frame for two seconds, as the player waits there.
    /// - Returns: the recorder, and the player at the end.
    public static func record(_ state: PlayerState, width: Int, height: Int,
                              depth: ColorDepth = .full256) -> (CastRecorder, PlayerState) {
        let recorder = CastRecorder(width: width, height: height, depth: depth)
        var app = PlayerApp(state: state, recorder: recorder)
        _ = app.view(width: width, height: height)
        while !app.state.isFinished || app.state.animation.isActive {
            _ = app.handle(.tick)
            _ = app.view(width: width, height: height)
        }
        // The end: two seconds on the last frame, as the player waits there.
        for _ in 0..<50 { _ = app.handle(.tick) }
        recorder.finish(at: app.state.playbackSeconds)
        return (recorder, app.state)
    }
}
