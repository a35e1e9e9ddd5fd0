import MemoryMap
import PoolText

/// Records frames as an asciinema cast, version 2: a header line
/// `{"version": 2, "width": W, "height": H}` (no timestamp, no environment, so the same
/// playback gives the same bytes), then one JSON array per line, `[time, "o", text]` for
/// output and `[time, "m", caption]` for a marker at each `say`.
///
/// Output events carry only the rows that changed since the previous frame (the first frame,
/// and any change of size, redraw all), in ANSI escapes with the colours of ``Palette``.
/// Times are the playback clock's, in seconds with millisecond precision.
public final class CastRecorder {
    /// The cast's width in columns, as its header says.
    public let width: Int
    /// The cast's height in rows, as its header says.
    public let height: Int
    /// The colours frames are written with.
    public let depth: ColorDepth
    private var previous: Grid?
    private var lines: [String] = []
    private var lastMilliseconds = 0
    /// How many of an app's `recordingMarks` were recorded already.
    private var marksRecorded = 0

    /// Creates a recorder of frames of `width` × `height`, drawn in the colours of `depth`.
    public init(width: Int, height: Int, depth: ColorDepth = .full256) {
        self.width = width
        self.height = height
        self.depth = depth
    }

    /// Records the markers `app` reached since the last call, then `grid`, the frame it drew,
    /// at the app's clock. What ``AppRunner`` calls after each frame when recording.
    public func record(_ grid: Grid, of app: some RecordableApp) {
        let marks = app.recordingMarks
        if marksRecorded < marks.count {
            for mark in marks[marksRecorded...] { self.mark(mark.text, at: mark.seconds) }
            marksRecorded = marks.count
        }
        frame(grid, at: app.recordingSeconds)
    }

    /// Records `grid` as shown at `time` seconds, when it differs from the previous frame.
    public func frame(_ grid: Grid, at time: Double) {
        var text = ""
        if let previous, previous.width == grid.width, previous.height == grid.height {
            for row in 0..<grid.height where !Self.rowsEqual(previous, grid, row) {
                text += "\u{1B}[\(row + 1);1H" + encodeRow(grid, row)
            }
            guard !text.isEmpty else { return }
        } else {
            // Hide the cursor, go home, clear; then every row.
            text = "\u{1B}[?25l\u{1B}[H\u{1B}[2J"
            for row in 0..<grid.height { text += "\u{1B}[\(row + 1);1H" + encodeRow(grid, row) }
        }
        previous = grid
        append(time, "o", text)
    }

    /// Records a marker (a `say` caption) at `time` seconds.
    public func mark(_ caption: String, at time: Double) {
        append(time, "m", caption)
    }

    /// Ends the cast at `time` seconds (the last frame stays up until then) and shows the
    /// cursor again for terminals that replay it.
    func finish(at time: Double) {
        append(time, "o", "\u{1B}[?25h")
    }

    /// The whole cast: the header line and every event line, each ending in a newline.
    public var text: String {
        let header = JSONValue.object(["version": .int(2), "width": .int(width), "height": .int(height)])
        return ([header.compact] + lines).map { $0 + "\n" }.joined()
    }

    /// Events recorded so far (output and markers).
    var eventCount: Int { lines.count }

    private func append(_ time: Double, _ code: String, _ data: String) {
        let milliseconds = max(lastMilliseconds, Int((time * 1000).rounded()))
        lastMilliseconds = milliseconds
        let fraction = String(milliseconds % 1000)
        let seconds = "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
        lines.append("[\(seconds), \"\(code)\", \(JSONValue.string(data).compact)]")
    }

    private static func rowsEqual(_ a: Grid, _ b: Grid, _ row: Int) -> Bool {
        for column in 0..<a.width where a[row, column] != b[row, column] { return false }
        return true
    }

    /// One row: an SGR sequence wherever the look changes, the characters, then a reset.
    private func encodeRow(_ grid: Grid, _ row: Int) -> String {
        var text = ""
        var look: CellLook?
        for column in 0..<grid.width {
            let cell = grid[row, column]
            let cellLook = Palette.look(for: cell.style, depth: depth)
            if cellLook != look {
                text += cellLook.ansiSequence(depth: depth)
                look = cellLook
            }
            text.append(cell.character)
        }
        return text + CellLook.ansiReset
    }
}
