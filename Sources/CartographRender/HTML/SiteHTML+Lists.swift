/// The pages index, the 404 page and the sitemap written out by hand, byte for byte what
/// `html/pages.mustache`, `html/404.mustache` and `html/sitemap.xml.mustache` make: lists
/// that grow with the pages and apps, and the last pages a default build sent through the
/// engine.
extension SiteHTML {
    /// The templates of the pages index: any of them overridden, and the engine renders it.
    static let pagesTemplatePaths = ["html/layout.mustache", "html/pages.mustache"]
    static let notFoundTemplatePaths = ["html/layout.mustache", "html/404.mustache"]
    static let sitemapTemplatePaths = ["html/sitemap.xml.mustache"]

    /// `html/pages.mustache`: the team's pages by section.
    static func pagesPage(_ view: SiteViews.PagesPage) -> [UInt8] {
        var out = ByteWriter(capacity: 8_192 + view.groups.reduce(0) { $0 + $1.pages.count * 128 })
        layout(view.layout, into: &out) { out in
            out += "<h1>"
            escape(view.heading, into: &out)
            out += "</h1>\n"
            if view.isEmpty {
                out += "<p class=\"intro\">No pages yet: Markdown files in the pages folder appear here, grouped by their "
                out += "front matter's <code>section:</code>.</p>\n"
            }
            for group in view.groups {
                out += "<section aria-labelledby=\""
                escape(group.id, into: &out)
                out += "\">\n<h2 id=\""
                escape(group.id, into: &out)
                out += "\">"
                escape(group.title, into: &out)
                out += "</h2>\n<ul class=\"page-list\">\n"
                for page in group.pages {
                    out += "<li><a href=\""
                    escape(page.href, into: &out)
                    out += "\">"
                    escape(page.label, into: &out)
                    out += "</a></li>\n"
                }
                out += "</ul>\n</section>\n"
            }
        }
        return out.bytes
    }

    /// `html/404.mustache`.
    static func notFoundPage(_ view: SiteViews.NotFoundPage) -> [UInt8] {
        var out = ByteWriter()
        layout(view.layout, into: &out) { out in
            out += "<div class=\"not-found\">\n<p class=\"not-found-code\">404</p>\n<h1>Page not found</h1>\n"
            out += "<p>This page is not part of the map. It may belong to an app that was removed or renamed.</p>\n"
            out += "<ul class=\"not-found-links\">\n"
            for (target, label) in [("index.html", "Back to the map"), ("apps/index.html", "All apps"), ("pages/index.html", "All pages")] {
                out += "<li><a href=\""
                escape(view.layout.root, into: &out)
                out += target
                out += "\">"
                out += label
                out += "</a></li>\n"
            }
            out += "</ul>\n</div>\n"
        }
        return out.bytes
    }

    /// `html/sitemap.xml.mustache`.
    static func sitemap(_ view: SiteViews.Sitemap) -> [UInt8] {
        var out = ByteWriter()
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for url in view.urls {
            out += "<url><loc>"
            escape(url, into: &out)
            out += "</loc></url>\n"
        }
        out += "</urlset>\n"
        return out.bytes
    }
}
