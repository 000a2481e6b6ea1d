import CartographTestSupport
import Testing

@testable import CartographRender

/// The byte writer's numbers are what `String(_:)` writes: the SVG's coordinates were
/// written that way before.
@Suite("Byte writer")
struct ByteWriterTests {
    @Test(arguments: 0..<200)
    func writesIntegersAsStringDoes(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        let digits = Int.random(in: 0...18, using: &generator)
        let bound = (0..<digits).reduce(1) { bound, _ in bound * 10 }
        var values = [Int.random(in: -bound...bound, using: &generator)]
        if seed == 0 { values += [0, -1, 9, 10, Int.min, Int.max] }
        for value in values {
            var out = ByteWriter()
            out += "x="
            out.append(value)
            #expect(out.bytes == Array("x=\(value)".utf8), "\(value)")
        }
    }

    @Test func appendsTextAsUTF8() {
        var out = ByteWriter()
        out += "é<🟢>"
        out += "b\u{301}c"
        #expect(out.bytes == Array("é<🟢>b\u{301}c".utf8))
    }
}
