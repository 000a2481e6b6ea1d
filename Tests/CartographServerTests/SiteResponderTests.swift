import CartographTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CartographServer

/// A small site with one file of every kind the build writes.
func sampleSite(notFoundPage: Bool = true) -> [String: [UInt8]] {
    var site: [String: String] = [
        "index.html": "<!doctype html><html><head><title>Map</title></head><body><h1>Map</h1></body></html>\n",
        "apps/web/index.html": "<!doctype html><html><body><h1>web</h1></BODY></html>\n",
        "style.css": "body { color: black }\n",
        "diagram.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n",
        "sitemap.xml": "<?xml version=\"1.0\"?><urlset/>\n",
        "INFRASTRUCTURE.md": "# Map\n",
        "data.json": "{}\n",
        "costs/summary.txt": "total\n",
    ]
    if notFoundPage { site["404.html"] = "<!doctype html><html><body><p>Lost on the map</p></body></html>\n" }
    return site.mapValues { Array($0.utf8) }
}

func makeApp(_ store: SiteStore) -> some ApplicationProtocol {
    Application(responder: SiteResponder<BasicRequestContext>(store: store))
}

@Suite("HTTP")
struct SiteResponderTests {
    let store = SiteStore(SiteSnapshot(site: sampleSite(), buildID: "b1", title: "Map", overlay: nil))

    @Test(arguments: [
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/diagram.svg", "image/svg+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/INFRASTRUCTURE.md", "text/markdown; charset=utf-8"),
        ("/data.json", "application/json; charset=utf-8"),
        ("/costs/summary.txt", "text/plain; charset=utf-8"),
    ])
    func contentTypes(path: String, type: String) async throws {
        try await makeApp(store).test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == type)
            #expect(response.headers[.cacheControl] == "no-cache")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test func nonHTMLIsServedByteForByte() async throws {
        try await makeApp(store).test(.router) { client in
            let css = try await client.execute(uri: "/style.css", method: .get)
            #expect(String(buffer: css.body) == "body { color: black }\n")
            #expect(css.headers[.contentLength] == "22")
            let markdown = try await client.execute(uri: "/INFRASTRUCTURE.md", method: .get)
            #expect(String(buffer: markdown.body) == "# Map\n")
        }
    }

    @Test func htmlGetsTheLiveReloadScriptBeforeBodyEnd() async throws {
        try await makeApp(store).test(.router) { client in
            let page = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(page.hasPrefix("<!doctype html><html><head><title>Map</title></head><body><h1>Map</h1><script>"))
            #expect(page.hasSuffix("</script></body></html>\n"))
            #expect(page.contains("new EventSource(\"/_cartograph/events\")"))
            #expect(page.contains("var build = \"b1\";"))
            #expect(!page.contains("cartograph-overlay"))
            // An upper-case </BODY> is found too.
            let app = String(buffer: try await client.execute(uri: "/apps/web/", method: .get).body)
            #expect(app.contains("<h1>web</h1><script>"))
            #expect(app.hasSuffix("</script></BODY></html>\n"))
        }
    }

    @Test func foldersServeIndexAndRedirectWithoutSlash() async throws {
        try await makeApp(store).test(.router) { client in
            let folder = try await client.execute(uri: "/apps/web/", method: .get)
            #expect(folder.status == .ok)
            #expect(String(buffer: folder.body).contains("<h1>web</h1>"))
            let redirect = try await client.execute(uri: "/apps/web", method: .get)
            #expect(redirect.status == .movedPermanently)
            #expect(redirect.headers[.location] == "/apps/web/")
            let withQuery = try await client.execute(uri: "/apps/web?tab=cost", method: .get)
            #expect(withQuery.headers[.location] == "/apps/web/?tab=cost")
            // A folder without index.html redirects, then is not found.
            #expect(try await client.execute(uri: "/apps", method: .get).headers[.location] == "/apps/")
            #expect(try await client.execute(uri: "/apps/", method: .get).status == .notFound)
            // A file is not a folder.
            #expect(try await client.execute(uri: "/style.css/", method: .get).status == .notFound)
        }
    }

    @Test func notFoundServesTheSitesPageWith404() async throws {
        try await makeApp(store).test(.router) { client in
            let response = try await client.execute(uri: "/no/such/page", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let body = String(buffer: response.body)
            #expect(body.contains("Lost on the map"))
            #expect(body.contains("/_cartograph/events"))
            #expect(response.headers[.eTag] == nil)
        }
    }

    @Test func notFoundFallsBackToAMinimalPage() async throws {
        let store = SiteStore(SiteSnapshot(site: sampleSite(notFoundPage: false), buildID: "b1", title: "Map", overlay: nil))
        try await makeApp(store).test(.router) { client in
            let response = try await client.execute(uri: "/missing.html", method: .get)
            #expect(response.status == .notFound)
            #expect(String(buffer: response.body).contains("404 — not found"))
        }
    }

    @Test func headHasTheHeadersOfGetAndNoBody() async throws {
        try await makeApp(store).test(.router) { client in
            for path in ["/", "/style.css", "/INFRASTRUCTURE.md", "/missing"] {
                let get = try await client.execute(uri: path, method: .get)
                let head = try await client.execute(uri: path, method: .head)
                #expect(head.status == get.status)
                #expect(head.body.readableBytes == 0)
                #expect(head.headers[.contentLength] == String(get.body.readableBytes))
                #expect(head.headers[.contentType] == get.headers[.contentType])
                #expect(head.headers[.eTag] == get.headers[.eTag])
            }
        }
    }

    @Test func etagAndIfNoneMatch() async throws {
        try await makeApp(store).test(.router) { client in
            let first = try await client.execute(uri: "/style.css", method: .get)
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"))
            for header in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
                let cached = try await client.execute(uri: "/style.css", method: .get, headers: [.ifNoneMatch: header])
                #expect(cached.status == .notModified, "\(header)")
                #expect(cached.body.readableBytes == 0)
                #expect(cached.headers[.eTag] == etag)
                #expect(cached.headers[.cacheControl] == "no-cache")
            }
            let stale = try await client.execute(uri: "/style.css", method: .get, headers: [.ifNoneMatch: "\"stale\""])
            #expect(stale.status == .ok)
            #expect(stale.body.readableBytes == 22)
            let head = try await client.execute(uri: "/style.css", method: .head, headers: [.ifNoneMatch: etag])
            #expect(head.status == .notModified)
        }
    }

    @Test func etagsChangeWithTheContentAndTheBuild() {
        let one = SiteSnapshot(site: sampleSite(), buildID: "b1", title: "Map", overlay: nil)
        var changed = sampleSite()
        changed["style.css"] = Array("body { color: red }\n".utf8)
        let two = SiteSnapshot(site: changed, buildID: "b2", title: "Map", overlay: nil, previous: one)
        #expect(one.file(at: "style.css")?.etag != two.file(at: "style.css")?.etag)
        // Unchanged non-HTML files keep their ETag across builds; HTML carries the build ID.
        #expect(one.file(at: "diagram.svg")?.etag == two.file(at: "diagram.svg")?.etag)
        #expect(one.file(at: "index.html")?.etag != two.file(at: "index.html")?.etag)
        // The same bytes in a new process give the same ETag for non-HTML files.
        let again = SiteSnapshot(site: sampleSite(), buildID: "zz", title: "Map", overlay: nil)
        #expect(one.file(at: "style.css")?.etag == again.file(at: "style.css")?.etag)
    }

    @Test(arguments: [HTTPRequest.Method.post, .put, .delete, .patch, .options, .connect, .trace])
    func onlyGetAndHead(method: HTTPRequest.Method) async throws {
        try await makeApp(store).test(.router) { client in
            let response = try await client.execute(uri: "/", method: method)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD")
        }
    }

    @Test(arguments: [
        "/../Package.swift", "/%2e%2e/x", "/%2E%2E/%2E%2E/etc/passwd", "/a/%2F..%2F..", "/%00", "/index.html%00.css",
        "/a/../../Package.swift", "/./index.html", "/..%5c..%5cPackage.swift", "/a\\..\\b", "//etc/passwd",
        "/%2fetc%2fpasswd", "/%", "/%zz", "/%c0%ae%c0%ae/x", "http://example.com/", "*", "/%0d%0aSet-Cookie:x",
    ])
    func pathsEscapingTheSiteAreRefused(target: String) async throws {
        try await makeApp(store).test(.router) { client in
            let response = try await client.execute(uri: target, method: .get)
            #expect(response.status == .badRequest, "\(target)")
            #expect(!String(buffer: response.body).contains("swift-tools-version"))
        }
    }

    @Test(arguments: ["/Package.swift", "/etc/passwd", "/Sources/", "/.build/", "/%2Fetc"])
    func nothingOutsideTheSiteIsServed(target: String) async throws {
        try await makeApp(store).test(.router) { client in
            let response = try await client.execute(uri: target, method: .get)
            #expect(response.status == .notFound || response.status == .badRequest, "\(target)")
            #expect(String(buffer: response.body).contains("Lost on the map") || response.status == .badRequest)
        }
    }

    @Test func percentEncodedNamesAreDecoded() async throws {
        var site = sampleSite()
        site["pages/q&a notes.html"] = Array("<p>notes</p>".utf8)
        let store = SiteStore(SiteSnapshot(site: site, buildID: "b1", title: "Map", overlay: nil))
        try await makeApp(store).test(.router) { client in
            let response = try await client.execute(uri: "/pages/q%26a%20notes.html", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).hasPrefix("<p>notes</p><script>"))
        }
    }

    @Test func aRebuildIsServedAtOnce() async throws {
        try await makeApp(store).test(.router) { client in
            let before = try await client.execute(uri: "/INFRASTRUCTURE.md", method: .get)
            #expect(String(buffer: before.body) == "# Map\n")
            var site = sampleSite()
            site["INFRASTRUCTURE.md"] = Array("# Map, rebuilt\n".utf8)
            store.publish(SiteSnapshot(site: site, buildID: "b2", title: "Map", overlay: nil))
            let after = try await client.execute(uri: "/INFRASTRUCTURE.md", method: .get)
            #expect(String(buffer: after.body) == "# Map, rebuilt\n")
            let page = try await client.execute(uri: "/", method: .get)
            #expect(String(buffer: page.body).contains("var build = \"b2\";"))
        }
    }

    @Test func unknownInternalPathsAreNotFound() async throws {
        try await makeApp(store).test(.router) { client in
            #expect(try await client.execute(uri: "/_cartograph/nothing", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/_cartograph/events/", method: .get).status == .notFound)
            let head = try await client.execute(uri: "/_cartograph/events", method: .head)
            #expect(head.status == .ok)
            #expect(head.headers[.contentType] == "text/event-stream; charset=utf-8")
        }
    }
}
