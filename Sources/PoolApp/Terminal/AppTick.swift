/// The one tick of every app: while something moves or plays, an app asks for a tick every
/// 40 ms (25 frames per second). Animations count in ticks, playback owes operations per tick,
/// and recordings time their frames by ticks, so all of them share this one interval.
package enum AppTick {
    /// The interval between ticks.
    package static let interval = Duration.milliseconds(40)
    /// The interval in seconds, for clocks that count ticks.
    package static let seconds: Double = {
        let parts = interval.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }()
}
