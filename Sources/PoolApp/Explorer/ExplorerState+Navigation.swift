import MemoryMap
import PoolAllocator

extension ExplorerState {
    /// Selects the live block at `offset` and scrolls the map to it when zoomed.
    mutating func select(_ offset: Int) {
        navigation.select(offset, pool, layout)
    }

    mutating func selectPrevious() { navigation.selectPrevious(pool, layout) }
    mutating func selectNext() { navigation.selectNext(pool, layout) }
    mutating func selectFirst() { navigation.selectFirst(pool, layout) }
    mutating func selectLast() { navigation.selectLast(pool, layout) }

    /// Scrolls the zoomed map by `rows` rows (negative: up); a fitted map stays.
    mutating func scroll(byRows rows: Int) {
        navigation.scroll(byRows: rows, pool, layout)
    }

    /// Selects the block under a click on the map or the overview bar; a click on free space
    /// clears the selection, a click elsewhere changes nothing.
    mutating func select(atScreenRow row: Int, column: Int) {
        navigation.click(row: row, column: column, pool, layout)
    }
}
