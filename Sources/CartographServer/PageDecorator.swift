import CartographInput
import CartographKit
import CartographModel
import CartographRender

/// What `serve` adds to the HTML pages it serves, and never to the built files: the
/// live-reload script and, while the inputs have errors, an overlay listing them.
enum PageDecorator {
    /// The server-sent-events endpoint the script listens on.
    static let eventsPath = "/_cartograph/events"

    /// The live-reload script. It reloads on a `reload` event for another build, and on
    /// (re)connecting to a server whose build differs from the page's — which is how a page
    /// open across a restart of `serve` catches up. `window.cartographLiveReload` tells
    /// whether it is connected (the browser test waits on it).
    static func script(buildID: String) -> String {
        """
        <script>/* cartograph serve: live reload */(function () {
          var build = "\(buildID)";
          if (!window.EventSource) return;
          var state = window.cartographLiveReload = { build: build, connected: false };
          function connect() {
            var source = new EventSource("\(eventsPath)");
            function check(event) { if (event.data !== build) { source.close(); location.reload(); } }
            source.addEventListener("hello", check);
            source.addEventListener("reload", check);
            source.onopen = function () { state.connected = true; };
            source.onerror = function () {
              // Reconnect on our own schedule rather than the browser's backoff, so a
              // restarted server is found within a few hundred milliseconds.
              state.connected = false;
              source.close();
              setTimeout(connect, 250);
            };
          }
          connect();
        })();</script>
        """
    }

    /// The error panel: fixed on top of the page, the diagnostics as the terminal shows them.
    static func overlay(diagnostics: String, errors: Int, warnings: Int, hasGoodBuild: Bool) -> String {
        let counts = "\(errors) error\(errors == 1 ? "" : "s")" + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")
        let fallback = hasGoodBuild ? "showing the last good build" : "no build has succeeded yet"
        return """
            <div id="cartograph-overlay" role="alert" style="position:fixed;top:0;left:0;right:0;max-height:85vh;\
            overflow:auto;z-index:2147483647;margin:0;padding:16px 20px;box-sizing:border-box;background:#1b1b1f;\
            color:#f4f4f5;border-bottom:4px solid #e5484d;box-shadow:0 8px 24px rgba(0,0,0,.45);\
            font:14px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;text-align:left">\
            <button type="button" aria-label="Hide" onclick="this.parentNode.style.display='none'" \
            style="float:right;background:none;border:0;color:#a1a1aa;font-size:20px;line-height:1;cursor:pointer">&#215;</button>\
            <div style="font-weight:600;color:#ff8589;margin-bottom:8px">Cartograph: \(counts) in the inputs \
            &#8212; \(fallback)</div>\
            <pre style="margin:0;white-space:pre-wrap;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
            color:#f4f4f5;background:none;border:0;padding:0">\(escapeHTML(diagnostics))</pre>\
            <div style="margin-top:8px;color:#a1a1aa;font-size:12px">Fix the file and save: this page reloads by itself.</div>\
            </div>
            """
    }

    /// Inserts the additions before the last `</body>`, or at the end when there is none.
    static func decorate(_ html: [UInt8], buildID: String, overlay: String?) -> [UInt8] {
        let addition = Array(((overlay ?? "") + script(buildID: buildID)).utf8)
        var out = html
        let index = lastBodyClose(in: html) ?? html.endIndex
        out.insert(contentsOf: addition, at: index)
        return out
    }

    /// A page for when there is nothing else to show: no good build yet, or no `404.html`.
    static func minimalPage(title: String, heading: String) -> [UInt8] {
        let page = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>\(escapeHTML(title))</title></head>
            <body style="font-family:system-ui,sans-serif;margin:0;padding:40vh 24px 24px">
            <h1 style="font-size:1.25rem">\(escapeHTML(heading))</h1>
            </body>
            </html>

            """
        return Array(page.utf8)
    }

    /// Escapes text for HTML element content and attribute values.
    static func escapeHTML(_ text: String) -> String { HTMLEscape.text(text) }

    /// The offset of the last `</body` (any case) in the page.
    private static func lastBodyClose(in html: [UInt8]) -> Int? {
        let needle = Array("</body".utf8)
        guard html.count >= needle.count else { return nil }
        var start = html.count - needle.count
        while start >= 0 {
            var matched = true
            for offset in 0..<needle.count {
                var byte = html[start + offset]
                if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte != needle[offset] {
                    matched = false
                    break
                }
            }
            if matched { return start }
            start -= 1
        }
        return nil
    }
}
