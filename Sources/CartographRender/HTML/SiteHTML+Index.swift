/// The index written out by hand: `html/index.mustache` with the map's sections
/// (`html/map-*.mustache`), which a small map shows in full, byte for byte what the engine
/// makes of them.
extension SiteHTML {
    /// The templates the index is made of: any of them overridden, and the engine renders it.
    static let indexTemplatePaths = [
        "html/layout.mustache", "html/index.mustache", "html/table.mustache", "html/map-section.mustache", "html/map-app.mustache",
        "html/map-costs.mustache", "html/map-network.mustache", "html/map-monitoring.mustache", "html/map-questions.mustache",
        "html/map-table.mustache",
    ]

    static func indexPage(_ view: SiteViews.IndexPage) -> [UInt8] {
        var out = ByteWriter(capacity: 32_768 + view.diagramSVG.utf8.count + view.diagramText.utf8.count * 2)
        layout(view.layout, into: &out) { out in
            out += "<h1>"
            escape(view.title, into: &out)
            out += "</h1>\n<dl class=\"facts\">\n"
            for fact in view.facts {
                out += "<div><dt>"
                escape(fact.label, into: &out)
                out += "</dt><dd>"
                escape(fact.value, into: &out)
                out += "</dd></div>\n"
            }
            out += "</dl>\n<section class=\"cards\" aria-label=\"Summary\">\n"
            for card in view.cards {
                out += "<div class=\"card tone-"
                escape(card.tone, into: &out)
                out += "\">\n<p class=\"card-label\">"
                escape(card.label, into: &out)
                out += "</p>\n<p class=\"card-value\">"
                escape(card.value, into: &out)
                out += "</p>\n<p class=\"card-detail\">"
                escape(card.detail, into: &out)
                out += "</p>\n</div>\n"
            }
            out += "</section>\n<nav class=\"toc\" aria-label=\"On this page\">\n<ul>\n"
            tocItems(view.toc, into: &out)
            out += "</ul>\n</nav>\n"
            if view.summarised {
                out += "<section class=\"summary\" aria-label=\"The map at a glance\">\n"
                out += "<p class=\"intro\">Every app is listed in the <a href=\"apps/index.html\">apps directory</a>, "
                out += "with its components, cost and runbook on its own page.</p>\n"
                for table in view.summaryTables { self.table(table, into: &out) }
                for link in view.summaryLinks {
                    out += "<p class=\"more\"><a href=\""
                    escape(link.href, into: &out)
                    out += "\">"
                    escape(link.label, into: &out)
                    out += "</a></p>\n"
                }
                out += "</section>\n"
            }
            out += "<section aria-labelledby=\""
            escape(view.overviewID, into: &out)
            out += "\">\n"
            heading(2, view.overviewHeading, id: view.overviewID, into: &out)
            out += "<figure class=\"diagram-figure\" aria-labelledby=\""
            escape(view.overviewID, into: &out)
            out += "\" tabindex=\"0\">\n"
            out += view.diagramSVG
            out += "\n</figure>\n"
            if view.hasDiagramText {
                out += "<details class=\"text-diagram\">\n<summary>The same diagram as text</summary>\n<pre>"
                escape(view.diagramText, into: &out)
                out += "</pre>\n</details>\n"
            }
            out += "</section>\n"
            for section in view.sections {
                out += "<section class=\"map-section\" aria-labelledby=\""
                escape(section.id, into: &out)
                out += "\">\n"
                heading(2, section.heading, id: section.id, into: &out)
                mapSection(section, into: &out)
                out += "</section>\n"
            }
        }
        return out.bytes
    }

    /// `<hN id="…">text <a class="anchor" …>#</a></hN>`: a heading with its link.
    static func heading(_ level: Int, _ text: String, id: String, into out: inout ByteWriter) {
        out += "<h\(level) id=\""
        escape(id, into: &out)
        out += "\">"
        escape(text, into: &out)
        out += " <a class=\"anchor\" href=\"#"
        escape(id, into: &out)
        out += "\" title=\"Link to this section\">#</a></h\(level)>\n"
    }

    /// `html/map-section.mustache`.
    static func mapSection(_ section: SiteViews.Section, into out: inout ByteWriter) {
        if let inventory = section.inventory {
            for app in inventory { mapApp(app, into: &out) }
        }
        if let costs = section.costs { mapCosts(costs, into: &out) }
        if let network = section.network { mapNetwork(network, into: &out) }
        if let commands = section.commands {
            for block in commands {
                heading(3, block.heading, id: block.id, into: &out)
                out += "<pre><code class=\"language-bash\">"
                escape(block.code, into: &out)
                out += "</code></pre>\n"
            }
        }
        if let monitoring = section.monitoring { mapMonitoring(monitoring, into: &out) }
        if let questions = section.questions { mapQuestions(questions, into: &out) }
    }

    /// `html/map-app.mustache`.
    static func mapApp(_ app: SiteViews.InventoryApp, into out: inout ByteWriter) {
        heading(3, "\(app.number). \(app.name)", id: "app-\(app.slug)", into: &out)
        out += "<p>"
        for (index, field) in app.fields.enumerated() {
            out += "<strong>"
            escape(field.label, into: &out)
            out += "</strong>: "
            out += field.valueHTML
            if index < app.fields.count - 1 { out += "<br>\n" }
        }
        out += "</p>\n"
        if let components = app.components {
            heading(4, "Components", id: "app-\(app.slug)-components", into: &out)
            mapTable(components, into: &out)
        }
        if app.hasConfiguration {
            heading(4, "Configuration", id: "app-\(app.slug)-configuration", into: &out)
            lineList(app.configuration, into: &out)
        }
        if app.hasFeatures {
            heading(4, "Features", id: "app-\(app.slug)-features", into: &out)
            htmlList(app.featuresHTML, into: &out)
        }
        if app.hasChecklist {
            heading(4, "Deployment Status", id: "app-\(app.slug)-deployment-status", into: &out)
            lineList(app.checklist, into: &out)
        }
        if app.hasNotes {
            heading(4, "Notes", id: "app-\(app.slug)-notes", into: &out)
            htmlList(app.notesHTML, into: &out)
        }
        if !app.isLast { out += "<hr>\n" }
    }

    /// `html/map-costs.mustache`.
    static func mapCosts(_ costs: SiteViews.CostsSection, into out: inout ByteWriter) {
        mapTable(costs.table, into: &out)
        out += "<p>"
        out += costs.pricingNoteHTML
        out += "</p>\n"
        guard costs.hasScenarios else { return }
        heading(3, "Cost Optimization Options", id: "cost-optimization-options", into: &out)
        for scenario in costs.scenarios {
            out += "<p><strong>"
            escape(scenario.name, into: &out)
            out += "</strong> ("
            escape(scenario.summary, into: &out)
            out += "):</p>\n"
            htmlList(scenario.linesHTML, into: &out)
        }
    }

    /// `html/map-network.mustache`.
    static func mapNetwork(_ network: SiteViews.NetworkSection, into out: inout ByteWriter) {
        if let endpoints = network.endpoints {
            heading(3, "Public Endpoints", id: "public-endpoints", into: &out)
            mapTable(endpoints, into: &out)
        }
        for group in network.staticIPs {
            heading(3, "Static IPs (\(group.app))", id: "static-ips-\(group.slug)", into: &out)
            out += "<ul>\n"
            for address in group.addresses {
                out += "<li>"
                escape(address, into: &out)
                out += "</li>\n"
            }
            out += "</ul>\n"
        }
        if network.hasDNS {
            heading(3, "DNS Configuration", id: "dns-configuration", into: &out)
            lineList(network.dns, into: &out)
        }
        if network.hasExternals {
            heading(3, "External Dependencies", id: "external-dependencies", into: &out)
            for external in network.externals {
                out += "<p><strong>"
                escape(external.title, into: &out)
                out += "</strong></p>\n<ul>\n"
                lineItems(external.fields, into: &out)
                htmlItems(external.usageHTML, into: &out)
                out += "</ul>\n"
            }
        }
    }

    /// `html/map-monitoring.mustache`.
    static func mapMonitoring(_ monitoring: SiteViews.MonitoringSection, into out: inout ByteWriter) {
        heading(3, "DigitalOcean App Platform Insights", id: "digitalocean-app-platform-insights", into: &out)
        out += "<ul>\n<li>CPU usage</li>\n<li>Memory usage</li>\n<li>Request throughput</li>\n<li>Response times</li>\n"
        out += "<li>Deployment history</li>\n<li>Build logs</li>\n</ul>\n"
        if monitoring.hasHealthChecks {
            heading(3, "Health Checks", id: "health-checks", into: &out)
            lineList(monitoring.healthChecks, into: &out)
        }
        if monitoring.hasAlerts {
            heading(3, "Alerting", id: "alerting", into: &out)
            htmlList(monitoring.alertsHTML, into: &out)
        }
    }

    /// `html/map-questions.mustache`.
    static func mapQuestions(_ questions: SiteViews.QuestionsSection, into out: inout ByteWriter) {
        if questions.hasItems {
            heading(3, "Unverified Items", id: "unverified-items", into: &out)
            htmlList(questions.itemsHTML, into: &out)
        }
        if let code = questions.verifyCode {
            heading(3, "To Verify", id: "to-verify", into: &out)
            out += "<p>Run these commands with <code>doctl</code>:</p>\n<pre><code class=\"language-bash\">"
            escape(code, into: &out)
            out += "</code></pre>\n"
        }
    }

    /// `html/map-table.mustache`: header cells are plain text, body cells already HTML.
    static func mapTable(_ table: SiteViews.MapTable, into out: inout ByteWriter) {
        out += "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\""
        escape(table.label, into: &out)
        out += "\">\n<table>\n<thead>\n<tr>"
        for header in table.header {
            out += "<th scope=\"col\">"
            escape(header, into: &out)
            out += "</th>"
        }
        out += "</tr>\n</thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for cell in row.cellsHTML {
                out += "<td>"
                out += cell
                out += "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
    }

    static func lineList(_ lines: [SiteViews.Line], into out: inout ByteWriter) {
        out += "<ul>\n"
        lineItems(lines, into: &out)
        out += "</ul>\n"
    }

    static func lineItems(_ lines: [SiteViews.Line], into out: inout ByteWriter) {
        for line in lines {
            out += "<li><strong>"
            escape(line.label, into: &out)
            out += "</strong>: "
            out += line.valueHTML
            out += "</li>\n"
        }
    }

    static func htmlList(_ items: [String], into out: inout ByteWriter) {
        out += "<ul>\n"
        htmlItems(items, into: &out)
        out += "</ul>\n"
    }

    static func htmlItems(_ items: [String], into out: inout ByteWriter) {
        for item in items {
            out += "<li>"
            out += item
            out += "</li>\n"
        }
    }
}
