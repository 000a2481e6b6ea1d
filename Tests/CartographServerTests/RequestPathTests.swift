import Testing

@testable import CartographServer

@Suite("Request paths")
struct RequestPathTests {
    @Test func rootIsTheIndex() throws {
        let path = try RequestPath.parse("/").get()
        #expect(path.segments.isEmpty)
        #expect(path.isFolder)
        #expect(path.filePath == "index.html")
    }

    @Test func filesFoldersAndQueries() throws {
        let file = try RequestPath.parse("/apps/web/index.html?x=1#top").get()
        #expect(file.segments == ["apps", "web", "index.html"])
        #expect(!file.isFolder)
        #expect(file.query == "x=1")
        let folder = try RequestPath.parse("/apps/web/").get()
        #expect(folder.filePath == "apps/web/index.html")
        let bare = try RequestPath.parse("/apps/web?tab=1").get()
        #expect(bare.folderPath == "apps/web")
        #expect(bare.folderURL == "/apps/web/?tab=1")
    }

    @Test func percentEncodingIsDecodedAndReEncodedForRedirects() throws {
        let path = try RequestPath.parse("/caf%C3%A9/a%20b").get()
        #expect(path.segments == ["café", "a b"])
        #expect(path.folderURL == "/caf%C3%A9/a%20b/")
    }

    @Test(arguments: [
        "", "relative", "/..", "/../x", "/a/..", "/.", "/%2e", "/%2e%2e", "/%2E%2e/x", "/a/%2f", "/a%2Fb", "/a%5cb",
        "/a\\b", "/%00", "/a%00b", "/%0a", "/%7f", "/a//b", "//", "/%", "/%4", "/%g0", "/%ff", "/%c0%ae%c0%ae",
    ])
    func refused(target: String) {
        guard case .failure = RequestPath.parse(target) else {
            Issue.record("accepted \(target)")
            return
        }
    }

    @Test func queriesThatCannotGoInAHeaderAreDropped() throws {
        #expect(try RequestPath.parse("/a?x=\u{7F}").get().query == nil)
        #expect(try RequestPath.parse("/a?x=%0D%0A").get().query == "x=%0D%0A")
    }

    /// Generated targets, bytes of every kind: parsing never traps, and what it accepts
    /// stays inside the site.
    @Test func arbitraryTargetsAreParsedSafely() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("/.%2eEfF5c0aZ?#\\ -~".utf8)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &generator)
                    ? alphabet.randomElement(using: &generator) ?? 0 : UInt8.random(in: 0...255, using: &generator)
            }
            let target = String(decoding: bytes, as: UTF8.self)
            guard case .success(let path) = RequestPath.parse(target) else { continue }
            for segment in path.segments {
                #expect(!segment.isEmpty && segment != "." && segment != "..", "\(target)")
                #expect(!segment.contains("/") && !segment.contains("\\"), "\(target)")
                #expect(!segment.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(target)")
            }
            #expect(RequestPath.parse(path.folderURL).map(\.segments) == .success(path.segments), "\(target)")
        }
    }
}
