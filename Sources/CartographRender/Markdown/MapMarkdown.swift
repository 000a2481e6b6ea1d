import CartographModel

/// The Markdown map (``MapViewModel``) written out by hand, byte for byte what the built-in
/// `templates/markdown/*.mustache` make through swift-mustache before
/// ``RenderedText/markdown(_:)`` trims it. The engine spends its time in dynamic casts on
/// every `{{name}}`, and the map grows with every app; this writes the same text with plain
/// string appends. The build uses it only while every Markdown template is the built-in
/// one: a user's template always goes through the engine.
///
/// Kept in step with the templates by a test that renders maps both ways.
package enum MapMarkdown {
    /// The templates this replaces: any of them overridden, and the engine renders.
    package static let templatePaths = DefaultTemplates.files.keys.filter { $0.hasPrefix("markdown/") }.sorted()

    /// `markdown/map.mustache`: the whole document.
    package static func document(_ view: MapViewModel) -> String {
        String(decoding: documentBytes(view), as: UTF8.self)
    }

    /// ``document(_:)`` as UTF-8 bytes, which is what the build writes: three megabytes
    /// at 1,000 apps, better not appended to a `String` and checked as UTF-8 once more.
    package static func documentBytes(_ view: MapViewModel) -> [UInt8] {
        var out = ByteWriter(capacity: 4_096 + view.diagram.utf8.count * 2 + view.sections.count * 1_024)
        out += "# "
        escape(view.title, into: &out)
        out += "\n\n"
        if let updated = view.updated {
            out += "**Last Updated**: "
            escape(updated, into: &out)
            out += "\\\n"
        }
        if let environment = view.environment {
            out += "**Environment**: "
            escape(environment, into: &out)
            out += "\\\n"
        }
        out += "**Primary Platform**: "
        escape(view.platform, into: &out)
        out += "\n"
        for section in view.sections {
            out += "\n---\n\n## "
            escape(section.heading, into: &out)
            out += "\n\n"
            sectionBody(section, into: &out)
        }
        out += "\n---\n\n"
        if let status = view.footer.mapStatus {
            out += "**Infrastructure Map Status**: "
            escape(status, into: &out)
            out += "\n"
        }
        if let verified = view.footer.lastVerified {
            out += "**Last Verified**: "
            escape(verified, into: &out)
            out += "\n"
        }
        if let review = view.footer.nextReview {
            out += "**Next Review**: "
            escape(review, into: &out)
            out += "\n"
        }
        return out.bytes
    }

    /// `markdown/section-body.mustache`: one section without its heading, as injection places it.
    package static func sectionBody(_ section: MapViewModel.Section) -> String {
        var out = ByteWriter()
        sectionBody(section, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func sectionBody(_ section: MapViewModel.Section, into out: inout ByteWriter) {
        if let overview = section.overview {
            out += overview.fence
            out += "\n"
            out += overview.diagram
            out += "\n"
            out += overview.fence
            out += "\n"
        }
        if let inventory = section.inventory {
            // Apps are written on every core, then joined in order.
            let written = Parallel.map(inventory) { app in
                var text = ByteWriter()
                self.app(app, into: &text)
                return text.bytes
            }
            for text in written { text.withUnsafeBufferPointer { out.append($0) } }
        }
        if let costs = section.costs { self.costs(costs, into: &out) }
        if let network = section.network { self.network(network, into: &out) }
        if let commands = section.commands {
            for group in commands {
                out += "### "
                escape(group.heading, into: &out)
                out += "\n"
                out += group.fence
                out += "bash\n"
                out += group.code
                out += "\n"
                out += group.fence
                out += "\n\n"
            }
        }
        if let monitoring = section.monitoring { self.monitoring(monitoring, into: &out) }
        if let questions = section.questions { self.questions(questions, into: &out) }
        if let page = section.pageMarkdown {
            out += page
            out += "\n"
        }
    }

    /// `markdown/app.mustache`.
    static func app(_ app: MapViewModel.AppView, into out: inout ByteWriter) {
        out += "### "
        escape(String(app.number), into: &out)
        out += ". "
        escape(app.name, into: &out)
        out += "\n"
        for (index, field) in app.fields.enumerated() {
            out += "**"
            escape(field.label, into: &out)
            out += "**: "
            out += field.valueMarkdown
            // A hard line break after every field but the last: `{{^last()}}\{{/last()}}`.
            if index < app.fields.count - 1 { out += "\\" }
            out += "\n"
        }
        if let components = app.components {
            out += "\n#### Components\n"
            table(components, into: &out)
        }
        if app.hasConfiguration {
            out += "\n#### Configuration\n"
            fieldItems(app.configuration, into: &out)
        }
        if app.hasFeatures {
            out += "\n#### Features\n"
            items(app.features, into: &out)
        }
        if app.hasChecklist {
            out += "\n#### Deployment Status\n"
            fieldItems(app.checklist, into: &out)
        }
        if app.hasNotes {
            out += "\n#### Notes\n"
            items(app.notes, into: &out)
        }
        if !app.isLast { out += "\n---\n\n" }
    }

    /// `markdown/costs.mustache`.
    static func costs(_ costs: MapViewModel.CostsView, into out: inout ByteWriter) {
        table(costs.table, into: &out)
        out += "\n"
        escape(costs.pricingNote, into: &out)
        out += "\n"
        guard costs.hasScenarios else { return }
        out += "\n### Cost Optimization Options\n"
        for scenario in costs.scenarios {
            out += "\n**"
            escape(scenario.name, into: &out)
            out += "** ("
            escape(scenario.summary, into: &out)
            out += "):\n"
            items(scenario.lines, into: &out)
        }
    }

    /// `markdown/network.mustache`.
    static func network(_ network: MapViewModel.NetworkView, into out: inout ByteWriter) {
        if let endpoints = network.endpoints {
            out += "### Public Endpoints\n\n"
            table(endpoints, into: &out)
        }
        for group in network.staticIPs {
            out += "\n### Static IPs ("
            escape(group.app, into: &out)
            out += ")\n"
            items(group.ips, into: &out)
        }
        if network.hasDNS {
            out += "\n### DNS Configuration\n"
            fieldItems(network.dns, into: &out)
        }
        if network.hasExternals {
            out += "\n### External Dependencies\n"
            for external in network.externals {
                out += "\n**"
                escape(external.title, into: &out)
                out += "**\n"
                fieldItems(external.fields, into: &out)
                items(external.usage, into: &out)
            }
        }
    }

    /// `markdown/monitoring.mustache`.
    static func monitoring(_ monitoring: MapViewModel.MonitoringView, into out: inout ByteWriter) {
        out += """
            ### DigitalOcean App Platform Insights
            - CPU usage
            - Memory usage
            - Request throughput
            - Response times
            - Deployment history
            - Build logs

            """
        if monitoring.hasHealthChecks {
            out += "\n### Health Checks\n"
            fieldItems(monitoring.healthChecks, into: &out)
        }
        if monitoring.hasAlerts {
            out += "\n### Alerting\n"
            items(monitoring.alerts, into: &out)
        }
    }

    /// `markdown/questions.mustache`.
    static func questions(_ questions: MapViewModel.QuestionsView, into out: inout ByteWriter) {
        if questions.hasItems {
            out += "### Unverified Items\n"
            items(questions.items, into: &out)
        }
        if let code = questions.verifyCode {
            out += "\n### To Verify\nRun these commands with `doctl`:\n"
            out += questions.fence
            out += "bash\n"
            out += code
            out += "\n"
            out += questions.fence
            out += "\n"
        }
    }

    /// `markdown/table.mustache`: header cells are plain text, body cells already Markdown.
    static func table(_ table: MapViewModel.Table, into out: inout ByteWriter) {
        out += "|"
        for cell in table.header {
            out += " "
            escape(cell, into: &out)
            out += " |"
        }
        out += "\n"
        out += table.ruleMarkdown
        out += "\n"
        for row in table.rows {
            out += "|"
            for cell in row.cells {
                out += " "
                out += cell
                out += " |"
            }
            out += "\n"
        }
    }

    /// `- **label**: value` lines.
    static func fieldItems(_ fields: [MapViewModel.Field], into out: inout ByteWriter) {
        for field in fields {
            out += "- **"
            escape(field.label, into: &out)
            out += "**: "
            out += field.valueMarkdown
            out += "\n"
        }
    }

    /// `- text` lines of plain text.
    static func items(_ items: [String], into out: inout ByteWriter) {
        for item in items {
            out += "- "
            escape(item, into: &out)
            out += "\n"
        }
    }

    /// What the Markdown content type does to `{{value}}`.
    static func escape(_ text: String, into out: inout ByteWriter) {
        // Most values need no escaping: copied as they are, without a buffer between.
        let unchanged = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard MarkdownEscape.LoneEscaper.isUnchanged(bytes) else { return false }
            out.append(bytes)
            return true
        }
        if unchanged == true { return }
        var escaped: [UInt8] = []
        MarkdownEscape.inline(text, into: &escaped)
        escaped.withUnsafeBufferPointer { out.append($0) }
    }
}
