import PoolAllocator

/// The words of a search made visible (`FitSearch`), shared by the map's panel listing, the
/// explorer's and player's logs and the quiz's reveal: the glyph and word of each verdict,
/// each policy's rule in one sentence, and byte counts exact enough to compare candidates.
package enum SearchText {
    /// The glyph that marks a verdict on the map and in the listing: `×` too small,
    /// `≠` misaligned, `✓` fits.
    package static func glyph(_ verdict: FitSearch.Verdict) -> Character {
        switch verdict {
        case .tooSmall: return "×"
        case .misaligned: return "≠"
        case .fits: return "✓"
        }
    }

    /// `too small`, `misaligned`, `fits`.
    package static func word(_ verdict: FitSearch.Verdict) -> String {
        switch verdict {
        case .tooSmall: return "too small"
        case .misaligned: return "misaligned"
        case .fits: return "fits"
        }
    }

    /// A byte count exact enough to compare two candidates: `1,200 B` up to 99,999 bytes,
    /// else `ByteSize.format` (`1.5 MiB`).
    package static func bytes(_ count: Int) -> String {
        count < 100_000 ? "\(NumberText.grouped(count)) B" : ByteSize.format(count)
    }

    /// `first fit`, `next fit`, `best fit`, `worst fit`.
    package static func name(_ policy: FitPolicy) -> String {
        "\(policy.rawValue) fit"
    }

    /// What the policy takes, as a sentence's end: `first fit takes the lowest block that fits`.
    package static func rule(_ policy: FitPolicy) -> String {
        switch policy {
        case .first: return "first fit takes the lowest block that fits"
        case .next: return "next fit takes the first block that fits from the rover on, wrapping to 0"
        case .best: return "best fit takes the smallest block that fits"
        case .worst: return "worst fit takes the largest block that fits"
        }
    }

    /// An offset as the map labels it, with its decimal value: `0x0300 (768)`.
    package static func offset(_ offset: Int, poolSize: Int) -> String {
        "\(HexOffset.format(offset, digits: HexOffset.digits(forPoolSize: poolSize))) (\(NumberText.grouped(offset)))"
    }

    /// The outcome in one line: `lands at 0x0320 (800), after 32 B of padding` or
    /// `fails: no free block holds 300 B` (`… at a multiple of 32` when aligned).
    package static func outcome(_ search: FitSearch, poolSize: Int) -> String {
        guard let chosen = search.chosen, let offset = search.offset else {
            return "fails: " + whyNoneFits(search)
        }
        let padding = chosen.padding > 0 ? ", after \(bytes(chosen.padding)) of padding" : ""
        return "lands at \(Self.offset(offset, poolSize: poolSize))\(padding)"
    }

    /// Why nothing fits: `no free block holds 300 B` or `no free block holds 64 B at a multiple
    /// of 32`.
    package static func whyNoneFits(_ search: FitSearch) -> String {
        if search.alignment > 1, search.looks.contains(where: { $0.verdict == .misaligned }) {
            return "no free block holds \(bytes(search.size)) at a multiple of \(NumberText.grouped(search.alignment))"
        }
        return "no free block holds \(bytes(search.size))"
    }

    /// Why a free block does not fit: `too small (40 B < 64 B)` or `misaligned: from 0x0120, its
    /// first multiple of 32, only 20 B remain for 64 B`.
    package static func whyNot(_ look: FitSearch.Look, in search: FitSearch, poolSize: Int) -> String {
        switch look.verdict {
        case .tooSmall:
            return "too small (\(bytes(look.length)) < \(bytes(search.size)))"
        case .misaligned:
            let multiple = "its first multiple of \(NumberText.grouped(search.alignment))"
            guard let aligned = look.alignedOffset else { return "misaligned: \(multiple) lies past its end" }
            let label = HexOffset.format(aligned, digits: HexOffset.digits(forPoolSize: poolSize))
            return "misaligned: from \(label), \(multiple), only \(bytes(look.end - aligned)) remain for "
                + bytes(search.size)
        case .fits:
            return "it fits"
        }
    }
}
