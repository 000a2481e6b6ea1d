import Testing

@testable import CartographModel

/// The caches of `serve` key what they keep by values of many types: a key must equal only
/// an equal value of the same type, or one step's result would be served for another's.
@Suite("Sendable hashable keys")
struct AnySendableHashableTests {
    @Test func equalValuesOfOneTypeAreOneKey() {
        #expect(AnySendableHashable(["a", "b"]) == AnySendableHashable(["a", "b"]))
        #expect(Set([AnySendableHashable(7), AnySendableHashable(7)]).count == 1)
    }

    @Test func valuesOfDifferentTypesOrValuesAreDifferentKeys() {
        #expect(AnySendableHashable(1) != AnySendableHashable("1"))
        #expect(AnySendableHashable(1) != AnySendableHashable(Int32(1)))
        #expect(AnySendableHashable(["a"]) != AnySendableHashable(["b"]))
        let keys: Set = [AnySendableHashable(0), AnySendableHashable("0"), AnySendableHashable(0.0), AnySendableHashable([0])]
        #expect(keys.count == 4)
    }
}
