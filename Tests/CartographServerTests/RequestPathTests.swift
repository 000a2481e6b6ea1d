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
}
