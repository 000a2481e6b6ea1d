import CartographTestSupport
import Foundation
import Testing

@testable import CartographServer

@Suite("Page decoration")
struct PageDecoratorTests {
    /// Generated pages, valid HTML or not: the additions go in once, before the last
    /// `</body` in any case (or at the end), and every original byte is kept in order.
    @Test func arbitraryPagesAreDecoratedSafely() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["</body>", "</BODY", "</bo", "<body>", "x", "\u{0}", "é", "</body></body>", ""].map { Array($0.utf8) }
        let addition = Array(PageDecorator.script(buildID: "b").utf8)
        for _ in 0..<5_000 {
            var page: [UInt8] = []
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                page +=
                    Bool.random(using: &generator)
                    ? pieces.randomElement(using: &generator) ?? []
                    : [UInt8.random(in: 0...255, using: &generator)]
            }
            let decorated = PageDecorator.decorate(page, buildID: "b", overlay: nil)
            #expect(decorated.count == page.count + addition.count)
            let lowered = page.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            var split = page.count
            let needle = Array("</body".utf8)
            if lowered.count >= needle.count {
                for start in stride(from: lowered.count - needle.count, through: 0, by: -1)
                where Array(lowered[start..<(start + needle.count)]) == needle {
                    split = start
                    break
                }
            }
            #expect(Array(decorated[..<split]) == Array(page[..<split]))
            #expect(Array(decorated[split..<(split + addition.count)]) == addition)
            #expect(Array(decorated[(split + addition.count)...]) == Array(page[split...]))
        }
    }
}
