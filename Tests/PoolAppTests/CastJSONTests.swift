import Foundation
import Testing

@testable import PoolApp
@testable import PoolScript

/// Every line of a cast is JSON a real parser (Foundation's) reads: the asciinema header, and
/// each event with its text, escapes and all.
@Suite struct CastJSONTests {
    @Test func everyLineParsesBack() throws {
        let caption = "tab\tquote \" backslash \\ 😀 e\u{301}"
        let quotedCaption = caption.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\t", with: "\\t")
        let script = try ScriptParser.parse(
            "pool 1K\nsay \"\(quotedCaption)\"\na = alloc 100\nfree a\n", fileName: "c.pool")
        let recording = PlayerRecording.headless(try PlayerState(script: script, poolSize: 1024), width: 60, height: 16)
        let lines = recording.cast.split(separator: "\n")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 60 && header["height"] as? Int == 16)
        var markers: [String] = []
        var frames = 0
        var escapes = 0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            #expect(event.count == 3 && event[0] is Double)
            let text = try #require(event[2] as? String)
            if event[1] as? String == "m" { markers.append(text) } else { frames += 1 }
            // Frames carry escape sequences: ESC (U+001B, written `\u001b`) reads back as itself.
            if text.contains("\u{1B}[") { escapes += 1 }
        }
        #expect(markers == [caption])
        #expect(frames > 0 && escapes == frames)
    }
}
