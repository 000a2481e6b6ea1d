/// The site's pages that grow with the map (an app's, a team page's, the apps directory,
/// costs and network) written out by hand, byte for byte what the built-in templates
/// (``templatePaths``) make through swift-mustache. Those pages are most of a large site,
/// and the template engine spends its time in dynamic casts on every `{{name}}`; this
/// writes the same text with plain byte appends. ``SiteBuilder`` uses it only while those templates are the
/// built-in ones: a user's template always goes through the engine.
///
/// Kept in step with the templates by a test that renders generated views both ways.
enum SiteHTML {
    /// The templates this replaces: any of them overridden, and the engine renders.
    package static let templatePaths = [
        "html/layout.mustache", "html/app.mustache", "html/table.mustache", "html/page.mustache", "html/tables.mustache",
        "html/apps.mustache",
    ]

    /// - Parameter chrome: the layout's header and footer, if written already.
    static func appPage(_ view: SiteViews.AppPage, chrome: Chrome? = nil) -> [UInt8] {
        var out = ByteWriter(capacity: 16_384 + view.diagramSVG.count)
        layout(view.layout, chrome: chrome, into: &out) { out in
            out += "<h1>"
            escape(view.name, into: &out)
            out += "</h1>\n<p class=\"status-badge tone-"
            escape(view.statusTone, into: &out)
            out += "\">"
            escape(view.statusLabel, into: &out)
            out += "</p>\n"
            if !view.hasSpec {
                out += "<p class=\"note\">No spec describes this app: what is shown comes from the status file alone.</p>\n"
            }
            out += "<dl class=\"facts\">\n"
            // By index, reading fields in place: a loop copies each fact, a retain a string.
            let facts = view.facts
            for index in facts.indices {
                out += "<div><dt>"
                escape(facts[index].label, into: &out)
                out += "</dt><dd>"
                if let href = facts[index].href {
                    out += "<a href=\""
                    escape(href, into: &out)
                    out += "\">"
                }
                let code = facts[index].code
                if code { out += "<code>" }
                escape(facts[index].value, into: &out)
                if code { out += "</code>" }
                if facts[index].href != nil { out += "</a>" }
                out += "</dd></div>\n"
            }
            out += "</dl>\n<section aria-labelledby=\"app-diagram\">\n<h2 id=\"app-diagram\">Architecture</h2>\n"
            out += "<figure class=\"diagram-figure\" aria-labelledby=\"app-diagram\" tabindex=\"0\">\n"
            view.diagramSVG.withUnsafeBufferPointer { out.append($0) }
            out += "\n</figure>\n</section>\n"
            sections(view.tables, view.lists, into: &out)
        }
        return out.bytes
    }

    /// `html/tables.mustache`: the costs and network pages.
    static func tablePage(_ view: SiteViews.TablePage) -> [UInt8] {
        var out = ByteWriter()
        layout(view.layout, into: &out) { out in
            headingAndIntro(view.heading, view.intro, into: &out)
            sections(view.tables, view.lists, into: &out)
        }
        return out.bytes
    }

    /// The `<h1>` and intro paragraph the costs, network and apps pages open with.
    private static func headingAndIntro(_ heading: String, _ intro: String, into out: inout ByteWriter) {
        out += "<h1>"
        escape(heading, into: &out)
        out += "</h1>\n<p class=\"intro\">"
        escape(intro, into: &out)
        out += "</p>\n"
    }

    /// `html/apps.mustache`: the apps directory, a row per app.
    static func appsPage(_ view: SiteViews.AppsPage) -> [UInt8] {
        var out = ByteWriter()
        layout(view.layout, into: &out) { out in
            headingAndIntro(view.heading, view.intro, into: &out)
            out += appsFilterStart
            options(view.statuses, into: &out)
            out += "</select></label>\n<label>Region <select name=\"region\" id=\"filter-region\">\n<option value=\"\">Any</option>\n"
            options(view.regions, into: &out)
            out += appsTableStart
            for group in view.groups {
                out += "<tbody id=\""
                escape(group.id, into: &out)
                out += "\" class=\"group\">\n<tr class=\"group-head\"><th scope=\"colgroup\" colspan=\"6\">"
                escape(group.title, into: &out)
                out += " <span class=\"muted\">· "
                escape(group.count, into: &out)
                out += " · "
                escape(group.subtotal, into: &out)
                out += "</span></th></tr>\n"
                // By index: a loop over the rows copies each row's thirteen strings.
                let rows = group.rows
                for index in rows.indices { directoryRow(rows[index], into: &out) }
                out += "<tr class=\"subtotal\"><th scope=\"row\" colspan=\"4\">Subtotal, "
                escape(group.title, into: &out)
                out += "</th><td data-sort=\""
                escape(group.subtotalCents, into: &out)
                out += "\">"
                escape(group.subtotal, into: &out)
                out += "</td><td></td></tr>\n</tbody>\n"
            }
            out += "</table>\n</div>\n"
        }
        return out.bytes
    }

    static func options(_ options: [SiteViews.Option], into out: inout ByteWriter) {
        for option in options {
            out += "<option value=\""
            escape(option.value, into: &out)
            out += "\">"
            escape(option.label, into: &out)
            out += "</option>\n"
        }
    }

    static func directoryRow(_ row: SiteViews.DirectoryRow, into out: inout ByteWriter) {
        out += "<tr class=\"app-row\" data-status=\""
        escape(row.status, into: &out)
        out += "\" data-region=\""
        escape(row.region, into: &out)
        out += "\"><th scope=\"row\" data-sort=\""
        escape(row.name, into: &out)
        out += "\"><a href=\""
        escape(row.href, into: &out)
        out += "\">"
        escape(row.name, into: &out)
        out += "</a></th><td class=\"tone-"
        escape(row.status, into: &out)
        out += "\" data-sort=\""
        escape(row.status, into: &out)
        out += "\">"
        escape(row.statusLabel, into: &out)
        out += "</td><td data-sort=\""
        escape(row.regionLabel, into: &out)
        out += "\">"
        escape(row.regionLabel, into: &out)
        out += "</td><td data-sort=\""
        escape(row.componentCount, into: &out)
        out += "\">"
        escape(row.componentCount, into: &out)
        if let components = row.components {
            out += "<span class=\"muted\">: "
            escape(components, into: &out)
            out += "</span>"
        }
        out += "</td><td data-sort=\""
        escape(row.costCents, into: &out)
        out += "\">"
        escape(row.cost, into: &out)
        out += "</td><td>"
        if let href = row.runbookHref {
            out += "<a href=\""
            escape(href, into: &out)
            out += "\">"
            // A nil title climbs the template's context and finds nothing: empty.
            escape(row.runbookTitle ?? "", into: &out)
            out += "</a>"
        } else {
            out += "-"
        }
        out += "</td></tr>\n"
    }

    /// The tables and lists that end an app's page and the table pages.
    static func sections(_ tables: [SiteViews.Table], _ lists: [SiteViews.List], into out: inout ByteWriter) {
        // By index, passing or reading each in place: a loop copies every table and list.
        for index in tables.indices {
            out += "<section>\n"
            self.table(tables[index], into: &out)
            out += "</section>\n"
        }
        for index in lists.indices {
            out += "<section>\n<h2 id=\""
            escape(lists[index].id, into: &out)
            out += "\">"
            escape(lists[index].heading, into: &out)
            out += " <a class=\"anchor\" href=\"#"
            escape(lists[index].id, into: &out)
            out += "\" title=\"Link to this section\">#</a></h2>\n<ul>\n"
            let items = lists[index].items
            for item in items.indices {
                // Already HTML: words with their code spans, escaped (``HTMLEscape/inline(_:)``).
                out += "<li>"
                out += items[item]
                out += "</li>\n"
            }
            out += "</ul>\n</section>\n"
        }
    }

    /// A table of contents' entries, one link to a heading per item.
    static func tocItems(_ entries: [SiteViews.TocEntry], into out: inout ByteWriter) {
        for entry in entries {
            out += "<li><a href=\"#"
            escape(entry.id, into: &out)
            out += "\">"
            escape(entry.text, into: &out)
            out += "</a></li>\n"
        }
    }

    /// - Parameter chrome: the layout's header and footer, if written already.
    static func markdownPage(_ view: SiteViews.MarkdownPage, chrome: Chrome? = nil) -> [UInt8] {
        var out = ByteWriter(capacity: 8_192 + view.bodyHTML.utf8.count)
        layout(view.layout, chrome: chrome, into: &out) { out in
            out += "<h1>"
            escape(view.heading, into: &out)
            out += "</h1>\n"
            if view.hasToc {
                out += "<nav class=\"toc\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ul>\n"
                tocItems(view.toc, into: &out)
                out += "</ul>\n</nav>\n"
            }
            out += "<article class=\"prose\">\n"
            out += view.bodyHTML
            out += "\n</article>\n"
        }
        return out.bytes
    }

    /// `html/table.mustache`.
    static func table(_ table: SiteViews.Table, into out: inout ByteWriter) {
        out += "<div class=\"table-scroll\" id=\""
        escape(table.id, into: &out)
        out += "\" tabindex=\"0\" role=\"region\" aria-label=\""
        escape(table.caption, into: &out)
        out += "\">\n<table>\n<caption>"
        escape(table.caption, into: &out)
        out += "</caption>\n<thead>\n<tr>"
        let header = table.header
        for index in header.indices {
            out += "<th scope=\"col\">"
            escape(header[index], into: &out)
            out += "</th>"
        }
        out += "</tr>\n</thead>\n<tbody>\n"
        // By index, reading each cell's fields in place: a loop over rows and cells copies
        // each, a retain and a release for every string of every cell of a large table.
        let rows = table.rows
        for row in rows.indices {
            out += "<tr>"
            let cells = rows[row].cells
            for index in cells.indices {
                out += "<td"
                if let tone = cells[index].tone {
                    out += " class=\"tone-"
                    escape(tone, into: &out)
                    out += "\""
                }
                out += ">"
                if let href = cells[index].href {
                    out += "<a href=\""
                    escape(href, into: &out)
                    out += "\">"
                }
                let code = cells[index].code
                if code { out += "<code>" }
                escape(cells[index].text, into: &out)
                if code { out += "</code>" }
                if cells[index].href != nil { out += "</a>" }
                out += "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
    }

    /// `html/layout.mustache` around a page's `main` block.
    /// - Parameter chrome: the header and footer written already: used only where they fit
    ///   `layout` (``Chrome/fits(_:)``), else the layout writes its own.
    static func layout(
        _ layout: SiteViews.Layout, chrome: Chrome? = nil, into out: inout ByteWriter, main: (inout ByteWriter) -> Void
    ) {
        out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"Cartograph "
        escape(layout.version, into: &out)
        out += "\">\n<meta name=\"description\" content=\""
        escape(layout.summary, into: &out)
        out += "\">\n<title>"
        escape(layout.pageTitle, into: &out)
        out += "</title>\n"
        let chrome = chrome.flatMap { $0.fits(layout) ? $0 : nil }
        if let chrome {
            chrome.header.withUnsafeBufferPointer { out.append($0) }
        } else {
            header(layout, into: &out)
        }
        if layout.hasCrumbs {
            out += "<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\">\n<ol>\n"
            for crumb in layout.crumbs {
                out += "<li>"
                if let href = crumb.href {
                    out += "<a href=\""
                    escape(href, into: &out)
                    out += "\">"
                    escape(crumb.label, into: &out)
                    out += "</a>"
                } else {
                    out += "<span aria-current=\"page\">"
                    escape(crumb.label, into: &out)
                    out += "</span>"
                }
                out += "</li>\n"
            }
            out += "</ol>\n</nav>\n"
        }
        main(&out)
        if let chrome {
            chrome.footer.withUnsafeBufferPointer { out.append($0) }
        } else {
            footer(layout, into: &out)
        }
    }

    /// What a layout writes between the page's title and its breadcrumb trail, and after
    /// its main block: the same on every app's and team page of a site (nothing in them is
    /// the page's own), written once for the thousands; used only for a layout with the
    /// fields they were written from.
    final class Chrome: Sendable, Equatable {
        let header: [UInt8]
        let footer: [UInt8]
        /// What the layout's header and footer are written from.
        let root: String
        let siteTitle: String
        let nav: [SiteViews.NavItem]
        let footerText: String
        let version: String

        init(_ layout: SiteViews.Layout) {
            var header = ByteWriter(capacity: 2_048)
            SiteHTML.header(layout, into: &header)
            self.header = header.bytes
            var footer = ByteWriter(capacity: 512)
            SiteHTML.footer(layout, into: &footer)
            self.footer = footer.bytes
            root = layout.root
            siteTitle = layout.siteTitle
            nav = layout.nav
            footerText = layout.footer
            version = layout.version
        }

        /// Whether `layout` writes this header and footer.
        func fits(_ layout: SiteViews.Layout) -> Bool {
            layout.root == root && layout.siteTitle == siteTitle && layout.nav == nav && layout.footer == footerText
                && layout.version == version
        }

        static func == (a: Chrome, b: Chrome) -> Bool { a.header == b.header && a.footer == b.footer }
    }

    /// The layout from after the page's title to the opening of its main block.
    private static func header(_ layout: SiteViews.Layout, into out: inout ByteWriter) {
        out += icon
        out += "<link rel=\"stylesheet\" href=\""
        escape(layout.root, into: &out)
        out += "style.css\">\n<script defer src=\""
        escape(layout.root, into: &out)
        out += "assets/site.js\"></script>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
        out += "<header class=\"site-header\">\n<div class=\"wrap\">\n<a class=\"brand\" href=\""
        escape(layout.root, into: &out)
        out += "index.html\">"
        escape(layout.siteTitle, into: &out)
        out += "</a>\n<nav aria-label=\"Site\">\n<ul>\n"
        let nav = layout.nav
        for index in nav.indices {
            out += "<li><a href=\""
            escape(nav[index].href, into: &out)
            out += "\""
            if nav[index].current { out += " aria-current=\"page\"" }
            out += ">"
            escape(nav[index].label, into: &out)
            out += "</a></li>\n"
        }
        out += "</ul>\n</nav>\n<form class=\"search\" role=\"search\" action=\""
        escape(layout.root, into: &out)
        out += "apps/index.html\" method=\"get\" data-root=\""
        escape(layout.root, into: &out)
        out += "\">\n"
        out += searchBox
        out += "</form>\n</div>\n</header>\n<main id=\"main\" class=\"wrap\">\n"
    }

    /// The layout after the page's main block.
    private static func footer(_ layout: SiteViews.Layout, into out: inout ByteWriter) {
        out += "\n</main>\n<footer class=\"site-footer\">\n<div class=\"wrap\">\n<p>"
        // A section over a string renders even for an empty one: the template's " · " stays.
        escape(layout.footer, into: &out)
        out += " · Made with Cartograph "
        escape(layout.version, into: &out)
        out += " from app specs and a status file.</p>\n</div>\n</footer>\n</body>\n</html>\n"
    }

    static let appsFilterStart = """
        <form class="filters" id="app-filters" hidden>
        <label>Find <input type="search" name="q" id="filter-text" placeholder="name, component, region" autocomplete="off"></label>
        <label>Status <select name="status" id="filter-status">
        <option value="">Any</option>
        <option value="down,degraded">Down or degraded</option>

        """

    static let appsTableStart = """
        </select></label>
        <output id="filter-count" aria-live="polite"></output>
        </form>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Apps by region">
        <table class="directory" id="apps-table">
        <caption>Apps by region</caption>
        <thead>
        <tr><th scope="col" data-type="text">App</th><th scope="col" data-type="text">Status</th><th scope="col" data-type="text">Region</th><th scope="col" data-type="number">Components</th><th scope="col" data-type="number">Monthly cost</th><th scope="col">Runbook</th></tr>
        </thead>

        """

    static let icon =
        "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%230b5cad'/%3E%3Cpath d='M3 4h4v3H3zM9 9h4v3H9zM5 7v4h4' fill='none' stroke='%23fff' stroke-width='1.5'/%3E%3C/svg%3E\">\n"

    static let searchBox = """
        <label class="visually-hidden" for="site-search">Search the map</label>
        <input id="site-search" type="search" name="q" placeholder="Search apps, keys, pages" autocomplete="off" spellcheck="false">
        <div class="search-results" id="search-results" hidden></div>

        """

    /// swift-mustache's HTML escape, character by character as it does it (a `<` with a
    /// combining mark is one character, and stays): the bytes must match the engine's.
    ///
    /// One scan of the bytes decides: nothing to escape (nearly every value) is copied as it
    /// is; without a byte at or above 0xCC (no scalar from U+0300 on, so nothing that joins
    /// a neighbour into one Character) the characters are the bytes, escaped as bytes; only
    /// the rest is read by Characters.
    static func escape(_ text: String, into out: inout ByteWriter) {
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var index = 0
            while index < bytes.count, !isSpecial(bytes[index]) { index += 1 }
            if index == bytes.count {
                out.append(bytes)
                return true
            }
            guard !bytes.contains(where: { $0 >= 0xCC }) else { return false }
            out.append(UnsafeBufferPointer(rebasing: bytes[..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "<"): out += "&lt;"
                case UInt8(ascii: ">"): out += "&gt;"
                case UInt8(ascii: "&"): out += "&amp;"
                case UInt8(ascii: "\""): out += "&quot;"
                case UInt8(ascii: "'"): out += "&#39;"
                default: out.append(byte)
                }
                index += 1
            }
            return true
        }
        if done != true { escapeByCharacters(text, into: &out) }
    }

    /// Whether `byte` is one of `<>&"'`, all at or below `>`.
    @inline(__always) private static func isSpecial(_ byte: UInt8) -> Bool {
        byte <= 0x3E && (byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27)
    }

    /// ``escape(_:into:)`` a Character at a time, as the engine does it: the definition the
    /// byte passes keep to.
    static func escapeByCharacters(_ text: String, into out: inout ByteWriter) {
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: for byte in character.utf8 { out.append(byte) }
            }
        }
    }
}
