/// The values `SnapshotDecoder` reads a snapshot from: a `PickleValue` tree or a `PickleTree`,
/// decoded by the same code so that both give the same snapshot, the same errors and the same
/// `ignored` counts.
protocol PickledValues {
    associatedtype Value
    associatedtype Dict
    associatedtype Items: Collection<Value>
    /// What identifies a list's contents for sharing what is decoded from it (nil: never shared).
    associatedtype ContentKey: Hashable

    /// What the value is, as an error message names it: `an integer`, `a string`, ….
    func kindName(_ value: Value) -> String
    /// A list's or a tuple's items; nil for anything else.
    func items(_ value: Value) -> Items?
    /// Whether the value is a list (not a tuple): the old snapshot form is one.
    func isList(_ value: Value) -> Bool
    /// The dict; nil for anything else.
    func dict(_ value: Value) -> Dict?
    /// The value at the string key `key`, or nil.
    func value(_ dict: Dict, _ key: SnapshotKey) -> Value?
    /// The dict's keys in order: the `SnapshotKey` each string key is, if any, and how an
    /// ignored key is named (`pool_id`, or an integer key's digits).
    func forEachKey(_ dict: Dict, _ body: (SnapshotKey?, () -> String) -> Void)
    /// The value as a scalar the structure reads.
    func scalar(_ value: Value) -> PickledScalar
    /// A dict's identity when what it holds is shared (the same frame recalled by each event).
    func identity(_ value: Value) -> Int?
    /// A list's contents, equal exactly when two lists hold the same values.
    func contentKey(_ value: Value) -> ContentKey?
}

/// A value as the snapshot's fields read it.
enum PickledScalar {
    case none
    case int(Int)
    case string(String)
    /// Any other kind (the error names it by `kindName`).
    case other
}
