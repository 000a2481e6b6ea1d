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

    /// Text, bytes, runs of bytes and numbers in any mix, from writers of any starting
    /// room: the writer's own memory grows and holds exactly what an array would.
    @Test(arguments: 0..<100)
    func holdsWhatAnArrayWould(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        let pieces = ["", "a", "<svg>", "é", "🟢", "b\u{301}c", String(repeating: "x", count: 300), String(repeating: "日", count: 700)]
        var out = ByteWriter(capacity: Int.random(in: 0...600, using: &generator))
        var expected: [UInt8] = []
        for _ in 0..<Int.random(in: 0...400, using: &generator) {
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                let text = pieces[Int.random(in: 0..<pieces.count, using: &generator)]
                out += text
                expected += Array(text.utf8)
            case 1:
                let byte = UInt8.random(in: 0...255, using: &generator)
                out.append(byte)
                expected.append(byte)
            case 2:
                let run = (0..<Int.random(in: 0...2_000, using: &generator)).map { UInt8(truncatingIfNeeded: $0) }
                run.withUnsafeBufferPointer { out.append($0) }
                expected += run
            default:
                let value = Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...63, using: &generator)
                out.append(value)
                expected += Array(String(value).utf8)
            }
        }
        #expect(out.count == expected.count)
        #expect(out.bytes == expected)
        #expect(out.text == String(decoding: expected, as: UTF8.self))
    }

    @Test func appendsTextAsUTF8() {
        var out = ByteWriter()
        out += "é<🟢>"
        out += "b\u{301}c"
        #expect(out.bytes == Array("é<🟢>b\u{301}c".utf8))
    }
}
