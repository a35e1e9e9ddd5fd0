import CNcurses
import Glibc
import MemoryMap
import PoolApp

extension CursesTerminal {
    /// Copies `grid` to the screen in one update (curses sends only the cells that changed).
    ///
    /// Cells beyond the terminal are clipped. Characters the terminal cannot show in one
    /// column (control characters, wide characters) are drawn as `?` so the layout never shifts.
    /// - Complexity: O(width · height).
    package func draw(_ grid: Grid) throws {
        let window = pm_stdscr()
        werase(window)
        let bounds = size
        let rows = min(grid.height, bounds.height)
        let columns = min(grid.width, bounds.width)
        var cell = cchar_t()
        // One wide string per cell: up to a base character and four combining marks, then NUL.
        var text = [wchar_t](repeating: 0, count: 6)
        for row in 0..<rows {
            for column in 0..<columns {
                let source = grid[row, column]
                if source == .blank { continue }
                let look = cursesLook(for: source.style)
                Self.encode(source.character, into: &text)
                setcchar(&cell, text, look.attributes, look.pair, nil)
                mvwadd_wch(window, Int32(row), Int32(column), &cell)
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Repaints every cell on the next update, not only those curses thinks changed.
    func redrawWholeScreen() {
        clearok(pm_curscr(), true)
        wrefresh(pm_stdscr())
    }

    /// Writes `character` into `buffer` as a NUL-terminated wide string one column wide.
    static func encode(_ character: Character, into buffer: inout [wchar_t]) {
        var count = 0
        for scalar in character.unicodeScalars {
            let code = wchar_t(bitPattern: scalar.value)
            if count == 0 {
                buffer[0] = pm_wcwidth(code) == 1 ? code : wchar_t(UInt8(ascii: "?"))
                count = 1
                if buffer[0] != code { break }
            } else if count < buffer.count - 1, pm_wcwidth(code) == 0, scalar.value >= 0x300 {
                buffer[count] = code
                count += 1
            }
        }
        if count == 0 {
            buffer[0] = wchar_t(UInt8(ascii: " "))
            count = 1
        }
        buffer[count] = 0
    }

    /// The curses attributes and colour pair for `style`, from the ``PoolApp/Palette`` table.
    func cursesLook(for style: CellStyle) -> (attributes: attr_t, pair: Int16) {
        if let known = looks[style] { return known }
        let look = Palette.look(for: style, depth: colorDepth)
        var attributes = PM_A_NORMAL
        if look.attributes.contains(.bold) { attributes |= PM_A_BOLD }
        if look.attributes.contains(.dim) { attributes |= PM_A_DIM }
        if look.attributes.contains(.reverse) { attributes |= PM_A_REVERSE }
        if look.attributes.contains(.underline) { attributes |= PM_A_UNDERLINE }
        let pair =
            colorDepth == .monochrome
            ? 0 : colorPair(foreground: look.foreground, background: look.background)
        looks[style] = (attributes, pair)
        return (attributes, pair)
    }

    /// The colour pair for these palette indices (nil: the terminal's default), allocating it
    /// on first use; pair 0 (default colours) when the terminal has no pairs left.
    func colorPair(foreground: Int?, background: Int?) -> Int16 {
        let key = PairKey(foreground: Int16(clamping: foreground ?? -1), background: Int16(clamping: background ?? -1))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        let next = pairs.count + 1
        guard next < Int(pm_color_pairs()), next <= Int(Int16.max) else { return 0 }
        let pair = Int16(next)
        init_pair(pair, key.foreground, key.background)
        pairs[key] = pair
        return pair
    }
}
