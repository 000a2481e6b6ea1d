import CartographKit
import CartographTestSupport
import Foundation
import Testing

/// The built site's search and apps directory in headless Chromium, from `file://`.
@Suite("Site search in a real browser", .enabled(if: browserSkipReason == nil, browserSkipReason ?? ""))
struct SiteSearchBrowserTests {
    /// Types into the header's search box as a user would and returns the results' links.
    static func search(_ query: String, in browser: BrowserDriver) async throws -> [String] {
        let js = """
            (function () { var box = document.getElementById('site-search'); box.focus(); box.value = \(Self.quoted(query));
            box.dispatchEvent(new Event('input', { bubbles: true })); return true; }())
            """
        _ = try browser.evaluate(js)
        var links: [String] = []
        _ = try await eventually(timeout: .seconds(10), every: .milliseconds(50)) {
            let found = try browser.evaluate(
                "Array.prototype.map.call(document.querySelectorAll('#search-results a'), function (a) { return a.getAttribute('href'); })")
            links = found as? [String] ?? []
            return !links.isEmpty
        }
        return links
    }

    static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8), as: UTF8.self)
            .dropFirst().dropLast().description
    }

    @Test func theSearchFindsAppsKeysAndPagesAndLeadsThere() async throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { _ in }) == 0)
        let browser = try BrowserDriver()
        defer { browser.quit() }
        let site = "file://" + folder.appending(path: "site").path
        try browser.open(site + "/pages/ci-cd-pipeline/index.html")
        _ = try await eventually(timeout: .seconds(10)) { try browser.evaluate("document.readyState") as? String == "complete" }
        #expect(try browser.evaluate("window.cartographSearch === undefined") as? Bool == true, "the index loads on demand")

        // An env key (never a value) from a page two folders down: the link goes to the app's table.
        let key = try await Self.search("DATABASE_PASSWORD", in: browser)
        #expect(key.first == "../../apps/superset-analytics/index.html#environment-variables")
        let app = try await Self.search("superset-analytics", in: browser)
        #expect(app.first == "../../apps/superset-analytics/index.html")
        let found = try await Self.search("Superset Deployment Files", in: browser)
        #expect(found.first?.hasPrefix("../../pages/configuration-files/index.html#superset-deployment-files") == true)

        // Following the first result opens the page at the heading.
        _ = try browser.evaluate("document.querySelector('#search-results a').click(); true")
        let arrived = try await eventually(timeout: .seconds(10), every: .milliseconds(50)) {
            try browser.evaluate("location.pathname.endsWith('/pages/configuration-files/index.html') && location.hash")
                as? String == "#superset-deployment-files"
        }
        #expect(arrived != nil, "the result did not lead to the heading")
        let heading = try await eventually(timeout: .seconds(10), every: .milliseconds(50)) {
            try browser.evaluate("document.getElementById('superset-deployment-files') !== null") as? Bool == true
        }
        #expect(heading != nil, "the page has the heading's anchor")
    }

    @Test func theDirectoryFiltersAndSorts() async throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { _ in }) == 0)
        let browser = try BrowserDriver()
        defer { browser.quit() }
        try browser.open("file://" + folder.appending(path: "site/apps/index.html").path + "?status=healthy")
        let visible = "Array.prototype.filter.call(document.querySelectorAll('tr.app-row'), function (r) { return !r.hidden; }).length"
        let filtered = try await eventually(timeout: .seconds(10), every: .milliseconds(50)) {
            try browser.evaluate(visible) as? Int == 1
        }
        #expect(filtered != nil, "?status=healthy leaves the one healthy app")
        _ = try browser.evaluate(
            "var s = document.getElementById('filter-status'); s.value = ''; s.dispatchEvent(new Event('change', { bubbles: true })); true")
        #expect(try browser.evaluate(visible) as? Int == 3)
        // Sorting by cost, twice: most expensive first within each region.
        let cost = "document.querySelectorAll('thead th')[4].querySelector('button').click(); true"
        _ = try browser.evaluate(cost)
        _ = try browser.evaluate(cost)
        let order = try browser.evaluate(
            "Array.prototype.map.call(document.querySelectorAll('tbody')[0].querySelectorAll('tr.app-row th a'), function (a) { return a.textContent; })"
        )
        #expect(order as? [String] == ["superset-analytics", "pulse-hub-web"])
        #expect(try browser.evaluate("document.querySelectorAll('thead th')[4].getAttribute('aria-sort')") as? String == "descending")
    }
}
