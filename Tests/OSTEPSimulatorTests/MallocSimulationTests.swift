import OSTEPSimulator
import Testing

/// The command's reading of flags and its failures: the exit statuses and what is printed
/// before them, and what poolmap refuses although malloc.py runs.
@Suite struct MallocSimulationTests {
    static func run(_ arguments: [String]) throws -> MallocSimulation.Outcome {
        try #require(MallocSimulation.run(arguments: arguments))
    }

    @Test func theFormsOfAFlagAreTheSame() throws {
        let expected = try Self.run(["-s", "5", "-c", "-C"])
        for arguments in [
            ["-s5", "-Cc"], ["--seed=5", "--compute", "--coalesce"], ["--seed", "5", "-cC"], ["-cCs", "5"], ["-cCs5"],
            ["-s", "0x5", "-Cc"], ["-s", "05", "-cC", "ignored"], ["-s", "3", "-s", "5", "-Cc"],
        ] {
            #expect(try Self.run(arguments) == expected, "\(arguments)")
        }
        #expect(try Self.run(["-Cc", "--", "-s", "9"]) == (try Self.run(["-Cc"])), "-- ends the flags")
    }

    @Test func aValueMayBeginWithADash() throws {
        let outcome = try Self.run(["-A", "-0,+5", "-c"])
        #expect(
            outcome.output.hasSuffix(
                "allocList -0,+5\ncompute True\n\nInvalid Free: Skipping\nptr[0] = Alloc(5) returned 1000 (searched 1 elements)\nFree List [ Size 1 ]: [ addr:1005 sz:95 ]\n\n"
            ))
    }

    @Test func helpIsAskedWhereItStandsAndAMistakeBeforeItWins() throws {
        for arguments in [["-h"], ["--help"], ["-Ch"], ["-s", "3", "--help", "-x"]] {
            #expect(MallocSimulation.run(arguments: arguments) == nil, "\(arguments)")
        }
        #expect(MallocSimulation.run(arguments: ["-x", "-h"])?.exitStatus == 64)
    }

    @Test func flagErrorsExit64WithNothingPrinted() throws {
        for arguments in [
            ["-x"], ["--nope"], ["--see", "3"], ["-s"], ["--seed"], ["-s", "x"], ["--coalesce=1"], ["-p", "NEXT"],
            ["-l", "SIZESORT"], ["-a", "0"], ["-a", "-2"], ["-s", "9223372036854775808"], ["-S", "-1"], ["-H", "-4"],
            ["-b", "9223372036854775000", "-S", "1000"],
        ] {
            let outcome = try Self.run(arguments)
            #expect(outcome.exitStatus == 64, "\(arguments)")
            #expect(outcome.output.isEmpty, "\(arguments)")
            #expect(outcome.failure?.message.isEmpty == false)
        }
    }

    @Test func percentZeroFailsAfterTheHeaderAndANegativeRangeIsRefusedThere() throws {
        for arguments in [["-P", "0"], ["-P", "-3", "-A", "+5"], ["-r", "-1"]] {
            let outcome = try Self.run(arguments)
            #expect(outcome.exitStatus == 64, "\(arguments)")
            #expect(outcome.output.hasSuffix("compute False\n\n"), "\(arguments): the header only")
        }
        #expect(try Self.run(["-r", "-5", "-A", "+5"]).exitStatus == 0, "-r is not used with -A")
    }

    @Test func operationFailuresExit1AfterWhatMallocPyPrinted() throws {
        let keyError = try Self.run(["-A", "+200,+5,-0,+1", "-c"])
        #expect(keyError.exitStatus == 1)
        #expect(keyError.output.hasSuffix("Free List [ Size 1 ]: [ addr:1005 sz:95 ]\n\nFree(ptr[0])\n"))
        let assertion = try Self.run(["-A", "+0,+0", "-c"])
        #expect(assertion.exitStatus == 1)
        #expect(assertion.output.hasSuffix("(searched 1 elements)\nFree List [ Size 1 ]: [ addr:1000 sz:100 ]\n\n"))
        for list in ["+3,", ",+3", "+x", "*3", "++5", "+5,-y"] {
            #expect(try Self.run(["-A", list]).exitStatus == 1, "\(list)")
        }
    }

    @Test func negativeAndHugeSizesAreRefusedWith64() throws {
        let negative = try Self.run(["-A", "+5,+-3", "-c"])
        #expect(negative.exitStatus == 64)
        #expect(
            negative.output.hasSuffix(
                "ptr[0] = Alloc(5) returned 1000 (searched 1 elements)\nFree List [ Size 1 ]: [ addr:1005 sz:95 ]\n\n"))
        #expect(try Self.run(["-A", "+99999999999999999999"]).exitStatus == 64)
        // An index beyond Int is only an invalid free, as in malloc.py.
        #expect(try Self.run(["-A", "+5,-99999999999999999999", "-c"]).output.hasSuffix("Invalid Free: Skipping\n"))
    }

    @Test func anInvalidFreeCountsOnlySuccessfulAllocations() throws {
        // ptr[1] failed, so only one allocation succeeded: -1 is skipped although ptr[1] exists
        // as an index, and a repeated free returns -1.
        let outcome = try Self.run(["-A", "+10,+500,-1,-0,-0", "-c"])
        #expect(outcome.exitStatus == 0)
        #expect(outcome.output.contains("ptr[1] = Alloc(500) returned -1 (searched 1 elements)"))
        #expect(outcome.output.contains("Invalid Free: Skipping\nFree(ptr[0])\nreturned 0\n"))
        #expect(
            outcome.output.hasSuffix(
                "Free(ptr[0])\nreturned -1\nFree List [ Size 2 ]: [ addr:1000 sz:10 ][ addr:1010 sz:90 ]\n\n"))
    }

    @Test func randomModePrintsTheAddressPlusTheHeaderAndAFailureAsMinusOnePlusIt() throws {
        let outcome = try Self.run(["-H", "4", "-S", "10", "-c", "-P", "100", "-n", "2", "-r", "100"])
        #expect(outcome.output.contains("returned 3 (searched 1 elements)"), "a failure: -1 + 4")
        #expect(try Self.run(["-n", "1", "-P", "100"]).output.hasSuffix("returned ?\nList? \n\n"))
        #expect(try Self.run(["-A", "+1"]).output.hasSuffix("returned ?\nList?\n\n"))
    }
}

extension MallocSimulationTests {
    @Test func aNegativeSeedRunsAsItsAbsoluteValue() throws {
        let negative = try Self.run(["-s", "-5", "-c"]).output
        let positive = try Self.run(["-s", "5", "-c"]).output
        #expect(negative.hasPrefix("seed -5\n"))
        #expect(negative.dropFirst("seed -5".count) == positive.dropFirst("seed 5".count))
    }
}
