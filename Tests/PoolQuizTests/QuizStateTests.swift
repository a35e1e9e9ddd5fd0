import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolQuiz
@testable import PoolScript

/// The quiz through the fake terminal: questions, right and wrong answers, "fails", the
/// fragmentation within and outside one point, the reveal, retry, new questions, quitting.
@Suite struct QuizStateTests {
    @Test func aRightAnswerScoresAndRevealsTheSearch() throws {
        var drive = try QuizDrive(script: QuizScripts.basic)
        #expect(drive.state.phase == .placing)
        #expect(drive.caption == "Q1: where does a = alloc 100 land? (first fit)")
        // No choice is made for the student: Enter alone says what to do and scores nothing.
        #expect(drive.choice == .undecided)
        try drive.send([.key(.enter)])
        #expect(drive.state.phase == .placing)
        #expect(drive.state.score.text == "0/0")
        #expect(drive.state.log.last?.text == "choose a free block (←/→ or a click) or x for fails")
        #expect(drive.screen.contains("choose a free block (←/→ or a click) or x for fails"))
        try drive.send([.key(.right)])
        #expect(drive.choice == .block(0))
        try drive.send([.key(.enter)])
        #expect(drive.state.phase == .revealing)
        #expect(drive.state.score.text == "1/1")
        #expect(drive.caption == "✓ Right: it lands at 0x0000 (0)")
        #expect(drive.statement.hasPrefix("first fit takes the lowest block that fits: 0x0000"))
        // The search plays on the pool before the allocation, then the block appears.
        let playing = try #require(drive.state.animation.search)
        #expect(!playing.isDecided && drive.state.screenModel.pool.stats.blockCount == 0)
        #expect(drive.app.tickInterval != nil)
        try drive.send(drive.ticks(40))
        #expect(drive.state.animation.search?.isDecided == true)
        #expect(drive.state.screenModel.pool.stats.blockCount == 1)
        #expect(drive.state.screenModel.animation.appearing == [0..<100])
        #expect(drive.app.tickInterval == nil, "a decided reveal waits for the student")
        try drive.send([.key(.enter)])
        #expect(drive.caption.hasPrefix("Q2: where does b = alloc 200 land?"))
        #expect(drive.state.log.contains { $0.text.hasPrefix("Q1 a = alloc 100: you said 0x0000. ✓ Right") })
    }

    @Test func aWrongAnswerSaysWhy() throws {
        var drive = try QuizDrive(script: QuizScripts.basic)
        for _ in 0..<3 { try drive.answerRightly() }
        // The free of b played by itself: Q4 is next, with holes at 100 (200 B) and 400 (624 B).
        #expect(drive.state.log.contains { $0.text == "line 5: free b (100)" })
        #expect(drive.caption == "Q4: where does d = alloc 300 align 256 land? (first fit)")
        #expect(drive.question?.blocks.map(\.start) == [100, 400])
        try drive.pick(blockAt: 100)
        try drive.confirm()
        #expect(drive.caption == "✗ Wrong: it lands at 0x0200 (512), after 112 B of padding")
        #expect(drive.statement.hasPrefix("the block you chose, 0x0064, is too small (200 B < 300 B)"))
        #expect(drive.state.score.text == "3/4")
        #expect(drive.state.score.wrong[.placement] == 1)
    }

    @Test func failsIsAnAnswer() throws {
        var drive = try QuizDrive(script: QuizScripts.basic)
        // "fails" when it lands is wrong.
        try drive.send([.character("x")])
        #expect(drive.choice == .fails)
        #expect(drive.state.screenModel.marker == nil)
        try drive.confirm()
        #expect(drive.caption == "✗ Wrong: it lands at 0x0000 (0)")
        try drive.next()
        for _ in 0..<3 { try drive.answerRightly() }
        #expect(drive.state.phase == .fragmentation)
        try drive.type("48.5")
        try drive.confirm()
        try drive.next()
        // Q6: 1000 B with 212 B largest free: it fails, and x says so.
        #expect(drive.caption.hasPrefix("Q6: where does e = alloc 1000 land?"))
        try drive.send([.key(.end), .key(.right)])
        #expect(drive.choice == .fails, "→ past the last free block is fails")
        try drive.confirm()
        #expect(drive.caption == "✓ Right: it fails")
        #expect(drive.statement == "no free block holds 1,000 B (the largest free block has 212 B)")
        #expect(drive.state.score.right[.failure] == 1 && drive.state.score.wrong[.placement] == 1)
        try drive.next()
        #expect(drive.state.phase == .finished)
        #expect(drive.caption == "Quiz over: 5 of 6 right (83%)")
    }

    @Test func pickingABlockWhenItFailsIsWrong() throws {
        var drive = try QuizDrive(script: "pool 256\na = alloc 200\nb = alloc 100\n")
        try drive.answerRightly()
        #expect(drive.question?.blocks.map(\.start) == [200])
        try drive.pick(blockAt: 200)
        try drive.confirm()
        #expect(drive.caption == "✗ Wrong: it fails")
        #expect(drive.statement.hasSuffix("the block you chose, 0x00c8, is too small (56 B < 100 B)"))
    }

    @Test func fragmentationWithinOnePointIsRight() throws {
        for (typed, right) in [("48", true), ("48.5%", true), ("49.5", true), (" 47.6 % ", true), ("47", false)] {
            var drive = try QuizDrive(script: QuizScripts.basic)
            for _ in 0..<4 { try drive.answerRightly() }
            #expect(drive.state.phase == .fragmentation)
            #expect(drive.caption == "Q5: what is the fragmentation now, in percent?")
            try drive.type(typed)
            try drive.confirm()
            #expect(drive.state.phase == .revealing, "\(typed)")
            #expect(drive.state.score.right[.fragmentation] == (right ? 1 : nil), "\(typed)")
            #expect(drive.statement == "1 − largest free / total free = 1 − 212 B / 412 B = 48.54%", "\(typed)")
            #expect(
                drive.caption
                    == (right
                        ? "✓ Right: fragmentation is 48.54%" : "✗ Wrong: fragmentation is 48.54%, not 47%"),
                "\(typed)")
        }
    }

    @Test func aTypedAnswerThatIsNoPercentageIsRefused() throws {
        var drive = try QuizDrive(script: QuizScripts.basic)
        for _ in 0..<4 { try drive.answerRightly() }
        for (typed, message) in [
            ("abc", "\"abc\" is not a percentage; type e.g. 34 or 34.2%"),
            ("101", "a fragmentation is from 0% to 100%, not 101%"),
            ("1e309", "\"1e309\" is not a percentage; type e.g. 34 or 34.2%"),
            ("", "type the fragmentation as a percentage, e.g. 34 or 34.2%"),
            ("3.4.5", "\"3.4.5\" is not a percentage; type e.g. 34 or 34.2%"),
        ] {
            try drive.type(typed)
            try drive.send([.key(.enter)])
            #expect(drive.state.phase == .fragmentation, "\(typed)")
            #expect(drive.state.screenModel.prompt?.error == message, "\(typed)")
            try drive.send([.key(.escape)])
            #expect(drive.state.screenModel.prompt?.text == "", "Esc clears the answer")
        }
        #expect(drive.state.score.answered == 4, "a refused answer is not scored")
    }

    @Test func retryAsksTheSameQuestionsAgain() throws {
        var drive = try QuizDrive(script: QuizScripts.basic)
        for _ in 0..<4 { try drive.answerRightly() }
        try drive.type("10")
        try drive.confirm()
        try drive.next()
        try drive.answerRightly()
        #expect(drive.state.phase == .finished)
        #expect(drive.state.score.text == "5/6")
        #expect(drive.state.screenModel.footerKeys.map(\.keys) == ["g", "q"], "no n for a script")
        try drive.send([.character("n")])
        #expect(drive.state.phase == .finished)
        #expect(drive.state.log.last?.isError == true)
        try drive.send([.character("g")])
        #expect(drive.state.phase == .placing)
        #expect(drive.state.score.text == "0/0")
        #expect(drive.caption == "Q1: where does a = alloc 100 land? (first fit)")
        #expect(drive.state.pool.stats.blockCount == 0)
    }

    @Test func newQuestionsComeFromTheNextSeed() throws {
        let options = QuestionGenerator.Options(operations: 6, seed: 41)
        var drive = try QuizDrive(try QuizSource.random(options))
        #expect(drive.state.source.name == "random 6 · seed 41")
        var rounds = 0
        while drive.state.phase != .finished, rounds < 20 {
            rounds += 1
            if drive.state.phase == .fragmentation {
                try drive.type("0")
                try drive.confirm()
                try drive.next()
            } else {
                try drive.answerRightly()
            }
        }
        #expect(drive.state.phase == .finished)
        #expect(drive.state.screenModel.footerKeys.map(\.keys) == ["g", "n", "q"])
        let first = drive.state.source.script
        try drive.send([.character("n")])
        #expect(drive.state.source.name == "random 6 · seed 42")
        #expect(drive.state.source.script != first)
        #expect(drive.state.score.text == "0/0")
        #expect(drive.state.phase == .placing || drive.state.phase == .playing)
    }

    @Test func randomModeAsksForTheFragmentationEveryTenQuestions() throws {
        // No frees: ten allocations in a row, then the fragmentation; and once more at the end.
        let options = QuestionGenerator.Options(operations: 12, poolSize: 1 << 20, seed: 3, freePercent: 0)
        var drive = try QuizDrive(try QuizSource.random(options))
        for _ in 0..<10 { try drive.answerRightly() }
        #expect(drive.state.phase == .fragmentation)
        #expect(drive.state.questionsAsked == 11)
        try drive.type("0")
        try drive.confirm()
        try drive.next()
        try drive.answerRightly()
        try drive.answerRightly()
        #expect(drive.state.phase == .fragmentation, "the worksheet's final stats")
    }

    @Test func theMarkerMovesOverFreeBlocksByKeysAndClicks() throws {
        var drive = try QuizDrive(script: QuizScripts.holes(.first))
        for _ in 0..<5 { try drive.answerRightly() }
        #expect(drive.question?.blocks.map(\.start) == [100, 500, 800])
        #expect(drive.choice == .undecided)
        try drive.send([.key(.right), .character("l"), .key(.right)])
        #expect(drive.choice == .block(2))
        try drive.send([.character("h"), .key(.left), .key(.left)])
        #expect(drive.choice == .block(0), "← stops at the first block")
        try drive.send([.key(.end)])
        #expect(drive.choice == .block(2))
        try drive.send([.character("x"), .key(.left)])
        #expect(drive.choice == .block(2), "← from fails is the last block")
        // A click on the hole at 500.
        let layout = drive.state.layout
        let geometry = drive.state.mapGeometry
        let cell = try #require(geometry.cell(holding: 600))
        try drive.send([
            .click(
                row: layout.mapTopRow + cell / layout.mapColumns, column: layout.mapColumn + cell % layout.mapColumns)
        ])
        #expect(drive.choice == .block(1))
        let marker = try #require(drive.state.screenModel.marker)
        #expect(marker.bytes == 500..<700 && marker.offset == 500 && marker.size == 150)
        // A click on a live block changes nothing.
        let used = try #require(geometry.cell(holding: 50))
        try drive.send([
            .click(
                row: layout.mapTopRow + used / layout.mapColumns, column: layout.mapColumn + used % layout.mapColumns)
        ])
        #expect(drive.choice == .block(1))
    }

    @Test("each policy's answer and why", arguments: FitPolicy.allCases)
    func eachPolicysAnswerAndWhy(policy: FitPolicy) throws {
        let answers: [FitPolicy: Int] = [.first: 100, .next: 800, .best: 500, .worst: 100]
        let wrongPick: [FitPolicy: Int] = [.first: 500, .next: 100, .best: 100, .worst: 500]
        let why: [FitPolicy: String] = [
            .first: "first fit takes the lowest block that fits: 0x0064 is lower than the one you chose (0x01f4)",
            .next: "next fit starts at the rover, 0x0320, and takes the first block that fits from there on, "
                + "wrapping to 0: 0x0320 comes before the one you chose (0x0064)",
            .best: "best fit takes the smallest block that fits: 0x01f4 has 200 B, yours 300 B",
            .worst: "worst fit takes the largest block that fits: 0x0064 has 300 B, yours 200 B",
        ]
        var drive = try QuizDrive(script: QuizScripts.holes(policy))
        for _ in 0..<5 { try drive.answerRightly() }
        #expect(drive.question?.search.offset == answers[policy])
        try drive.pick(blockAt: wrongPick[policy]!)
        try drive.confirm()
        #expect(drive.statement == why[policy])
        #expect(drive.state.score.text == "5/6")
    }

    @Test func playingStatementsTakeTicksOrEnter() throws {
        var drive = try QuizDrive(script: "pool 1024\na = alloc 10\nfree a\nfree 5\nb = alloc 20\n")
        try drive.send([.key(.right)])
        try drive.confirm()
        try drive.send([.key(.enter)])
        // free a plays for a moment (it fades), then the runtime error of free 5 does.
        #expect(drive.state.phase == .playing)
        #expect(drive.state.screenModel.animation.fading == [0..<10])
        try drive.send([.key(.enter)])
        #expect(drive.state.phase == .placing, "Enter skips ahead to the next question")
        #expect(drive.state.log.contains { $0.isError && $0.text.hasPrefix("line 4: free 5: cannot free 5") })
        var ticking = try QuizDrive(script: "pool 1024\na = alloc 10\nfree a\nb = alloc 20\n")
        try ticking.send([.key(.right)])
        try ticking.confirm()
        try ticking.send([.key(.enter)])
        #expect(ticking.state.phase == .playing)
        try ticking.send(ticking.ticks(QuizState.playTicks))
        #expect(ticking.state.phase == .placing)
    }

    @Test func tracesAskAboutAllocationsAndReallocs() throws {
        let script = try TraceParser.parse("a 1 100\na 2 50\nr 1 200\nf 2\n", fileName: "t.trace")
        var drive = try QuizDrive(QuizSource(script: script, poolSize: 1024, name: "t.trace"))
        try drive.answerRightly()
        try drive.answerRightly()
        #expect(drive.caption == "Q3: where does r 1 200 land? (first fit)")
        try drive.send([.key(.right)])
        try drive.confirm()
        #expect(drive.caption == "✓ Right: it lands at 0x0096 (150)")
        try drive.next()
        #expect(drive.state.phase == .finished)
    }

    @Test func helpOpensAndClosesAndQIsTypedInTheAnswer() throws {
        var drive = try QuizDrive(script: QuizScripts.basic)
        try drive.send([.character("?")])
        #expect(drive.state.isHelpOpen)
        #expect(drive.screen.contains("choose a block"))
        try drive.send([.key(.enter)])
        #expect(drive.state.isHelpOpen && drive.state.phase == .placing, "keys do not answer under the help")
        try drive.send([.key(.escape)])
        #expect(!drive.state.isHelpOpen)
        for _ in 0..<4 { try drive.answerRightly() }
        #expect(drive.state.phase == .fragmentation)
        try drive.type("12")
        try drive.send([.character("q")])
        #expect(drive.outcome == nil, "q is typed in the fragmentation answer")
        #expect(drive.screen.contains("12q"))
    }

    @Test func quitAndHelpFollowTheOneRule() throws {
        let basic = try ScriptParser.parse(QuizScripts.basic, fileName: "quiz.pool")
        let asksFragmentationFirst = try ScriptParser.parse("pool 1024\nstats\na = alloc 100\n", fileName: "f.pool")
        try QuitAndHelpRule<QuizApp>(
            make: {
                QuizApp(state: try QuizState(source: QuizSource(script: basic, poolSize: 1024, name: "quiz.pool")))
            },
            isHelpOpen: \.state.isHelpOpen, otherKey: .character("x"),
            prompted: {
                let state = try QuizState(source: QuizSource(script: asksFragmentationFirst, poolSize: 1024, name: "f"))
                #expect(state.phase == .fragmentation)
                return QuizApp(state: state)
            },
            promptText: {
                guard case .fragmentation(_, let line) = $0.state.stage else { return nil }
                return line.text
            }
        ).check()
    }

    @Test func aScriptWithoutAllocationsEndsAtOnce() throws {
        let drive = try QuizDrive(script: "pool 64\nsay \"nothing to ask\"\n")
        #expect(drive.state.phase == .finished)
        #expect(drive.caption == "Quiz over: 0 of 0 right")
    }

    @Test func aRecordingHasAMarkerPerAnswer() throws {
        var drive = try QuizDrive(script: QuizScripts.basic)
        try drive.answerRightly()
        try drive.send([.character("x")])
        try drive.confirm()
        let marks = drive.app.recordingMarks
        #expect(marks.map(\.text) == ["Q1 a = alloc 100: 0x0000, right", "Q2 b = alloc 200: fails, wrong"])
        #expect(marks[1].seconds > marks[0].seconds)
        let recorder = CastRecorder(width: 100, height: 30)
        recorder.record(drive.app.view(width: 100, height: 30), of: drive.app)
        #expect(recorder.text.contains("\"m\", \"Q1 a = alloc 100: 0x0000, right\""))
    }

    @Test func tooSmallScreensSayWhatTheyNeed() throws {
        var drive = try QuizDrive(script: QuizScripts.basic, size: TerminalSize(width: 50, height: 12))
        try drive.send([.tick])
        #expect(drive.screen.contains("60"))
        try drive.send([.resize(TerminalSize(width: 60, height: 16))])
        #expect(drive.screen.contains("Q1: where does a = alloc 100"))
    }
}

/// The quiz must not answer itself: pressing only Enter (and letting time pass) scores nothing,
/// whatever the policy — under first fit the first free block is so often the answer.
@Suite struct QuizNoDefaultAnswerTests {
    @Test(arguments: FitPolicy.allCases)
    func enterAloneScoresNothing(policy: FitPolicy) throws {
        let options = QuestionGenerator.Options(operations: 40, poolSize: 2048, policy: policy, seed: 8)
        var drive = try QuizDrive(try QuizSource.random(options))
        var asked = 0
        for _ in 0..<60 {
            if drive.state.phase == .placing { asked += 1 }
            try drive.send([.key(.enter)] + drive.ticks(20))
        }
        #expect(asked > 0)
        #expect(drive.state.score.totalRight == 0, "\(policy): \(drive.state.score.text)")
        #expect(drive.choice == .undecided || drive.state.phase != .placing)
    }
}
