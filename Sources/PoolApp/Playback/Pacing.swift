import MemoryMap
import PoolScript

/// The playback clock and pace that the player and the comparison share: ticks counted, the
/// speed in operations per second, pause, and what holds playback (a `wait`, a slide).
///
/// Each tick owes `speed × interval` operations; they run in one batch and the next frame
/// shows the result, so at high speed frames are skipped, never the pool's work. A `wait`
/// holds playback for its duration (shortened when playing faster than the default speed); a
/// defragment whose slide is animated holds the next operations until the blocks are in place.
struct Pacing: Sendable {
    /// Seconds per tick: each tick owes `speed × tickSeconds` operations.
    static let tickSeconds = AppTick.seconds
    /// The slowest and fastest speeds `<`/`>` reach.
    static let speedRange = 0.25...1_000_000.0
    /// Operations per second at or below which each operation is animated.
    static let animationSpeedLimit = 40.0
    /// Most steps run in one tick, so a frame is drawn at least this often even at the
    /// highest speeds on a slow machine.
    static let maximumStepsPerTick = 50_000

    /// Operations per second while playing.
    private(set) var speed: Double
    /// Paused by the user (space, a single step, a seek).
    var isPaused: Bool
    /// The speed waits are written for (the script's default).
    let defaultSpeed: Double
    /// Operations owed and not run yet (a fraction of one at low speed).
    private var budget = 0.0
    /// Milliseconds of `wait` (or of a slide) still to sit out before the next operation.
    private var holdMilliseconds = 0.0
    /// Ticks handled since the start: the playback clock of recordings.
    private(set) var ticks = 0

    init(speed: Double, isPaused: Bool, defaultSpeed: Double) {
        self.speed = Self.clamped(speed)
        self.isPaused = isPaused
        self.defaultSpeed = defaultSpeed
    }

    static func clamped(_ speed: Double) -> Double {
        guard speed.isFinite else { return speedRange.upperBound }
        return min(max(speed, speedRange.lowerBound), speedRange.upperBound)
    }

    /// Whether each operation is animated at this speed.
    var animates: Bool { speed <= Self.animationSpeedLimit }

    /// The playback clock: seconds of pacing so far (ticks × interval).
    var seconds: Double { Double(ticks) * Self.tickSeconds }

    /// `<`/`>`: halves or doubles the speed.
    mutating func changeSpeed(by factor: Double) {
        speed = Self.clamped(speed * factor)
    }

    /// Drops what was owed and any hold: playback moves by hand now.
    mutating func stop() {
        isPaused = true
        holdMilliseconds = 0
    }

    /// Back to the start of the clock's debts, playing.
    mutating func restart() {
        holdMilliseconds = 0
        budget = 0
        isPaused = false
    }

    /// Counts a tick of the clock (before `run`, so that what runs sees the new time).
    mutating func countTick() {
        ticks += 1
    }

    /// Unless paused or at the end, runs the operations this tick owes.
    /// - Parameters:
    ///   - step: runs the next step, returning it and whether a slide now runs; nil at the end.
    ///   - holdAfter: ticks to hold after the step just run (an explained search), 0 for none.
    mutating func run(
        isAtEnd: Bool, step: () -> (step: Step, sliding: Bool)?, holdAfter: () -> Int = { 0 }
    ) {
        guard !isPaused, !isAtEnd else {
            budget = 0
            return
        }
        if holdMilliseconds > 0 {
            holdMilliseconds -= Self.tickSeconds * 1000
            if holdMilliseconds > 0 { return }
            holdMilliseconds = 0
        }
        budget = min(budget + speed * Self.tickSeconds, max(1, speed * Self.tickSeconds) + 1)
        var run = 0
        while budget >= 1, run < Self.maximumStepsPerTick {
            guard let (step, sliding) = step() else {
                budget = 0
                return
            }
            run += 1
            switch step.operation {
            case .say:
                continue
            case .wait(let milliseconds):
                // Waits are written for the default speed; playing faster shortens them too.
                holdMilliseconds = Double(milliseconds) * min(1, defaultSpeed / speed)
                budget = 0
                return
            case .defrag where sliding:
                // Hold the next operations until the blocks have slid into place.
                holdMilliseconds = Double(SlideAnimation.ticks) * Self.tickSeconds * 1000
                budget -= 1
                return
            default:
                budget -= 1
                let hold = holdAfter()
                if hold > 0 {
                    holdMilliseconds = Double(hold) * Self.tickSeconds * 1000
                    return
                }
            }
        }
    }
}
