import CartographInput
import CartographKit
import CartographModel
import CartographRender
package import Hummingbird
import ServiceLifecycle

/// Answers every request of `serve` from the current ``SiteSnapshot``, plus the live-reload
/// event stream. Never reads the disk.
struct SiteResponder<Context: RequestContext>: HTTPResponder {
    let store: SiteStore

    /// A responder serving whatever `store` holds at the time of each request.
    package init(store: SiteStore) {
        self.store = store
    }

    /// Answers one request.
    func respond(to request: Request, context: Context) async throws -> Response {
        let method = request.method
        guard method == .get || method == .head else {
            var response = Self.text(.methodNotAllowed, "405 Method Not Allowed: only GET and HEAD\n", head: false)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let isHead = method == .head
        let path: RequestPath
        switch RequestPath.parse(request.head.path ?? "/") {
        case .failure(let rejection):
            return Self.text(.badRequest, "400 Bad Request: \(rejection.reason)\n", head: isHead)
        case .success(let parsed):
            path = parsed
        }
        if path.segments.first == "_cartograph" {
            return serveInternal(path, request: request, head: isHead)
        }
        let site = store.current
        if let file = site.file(at: path.filePath) {
            if file.isPending {
                // Made on a thread of its own: the pool that answers requests stays free.
                await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                    RebuildService.onOwnThread {
                        _ = file.body
                        done.resume()
                    }
                }
            }
            return Self.serve(file, status: .ok, ifNoneMatch: request.headers[.ifNoneMatch], head: isHead)
        }
        if !path.isFolder, site.isFolder(path.folderPath) {
            var response = Self.text(.movedPermanently, "Moved to \(path.folderURL)\n", head: isHead)
            response.headers[.location] = path.folderURL
            return response
        }
        return Self.serve(site.notFound, status: .notFound, ifNoneMatch: nil, head: isHead)
    }

    /// `/_cartograph/…`: the server's own endpoints, outside the site.
    private func serveInternal(_ path: RequestPath, request: Request, head: Bool) -> Response {
        guard path.segments == ["_cartograph", "events"], !path.isFolder else {
            return Self.text(.notFound, "404 Not Found\n", head: head)
        }
        var headers = HTTPFields()
        headers[.contentType] = MediaTypes.eventStream
        headers[.cacheControl] = "no-cache"
        headers[.xContentTypeOptions] = "nosniff"
        if head { return Response(status: .ok, headers: headers) }
        let store = store
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                // Subscribe before reading the build ID, so no build can slip in between.
                let events = store.events.subscribe()
                try await writer.write(ByteBuffer(string: "retry: 1000\nevent: hello\ndata: \(store.current.buildID)\n\n"))
                // A page that goes away closes its connection: stop listening then, rather
                // than at the next write that fails, so subscribers do not pile up.
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    for await event in events.cancelOnGracefulShutdown() {
                        switch event {
                        case .reload(let id): try await writer.write(ByteBuffer(string: "event: reload\ndata: \(id)\n\n"))
                        case .ping: try await writer.write(ByteBuffer(string: ": ping\n\n"))
                        }
                    }
                }
                try await writer.finish(nil)
            })
    }

    private static func serve(_ file: SiteSnapshot.File, status: HTTPResponse.Status, ifNoneMatch: String?, head: Bool)
        -> Response
    {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-cache"
        headers[.xContentTypeOptions] = "nosniff"
        if status == .ok {
            headers[.eTag] = file.etag
            if let ifNoneMatch, matches(ifNoneMatch, file.etag) {
                return Response(status: .notModified, headers: headers)
            }
        }
        headers[.contentType] = file.mediaType
        if head {
            headers[.contentLength] = String(file.body.readableBytes)
            return Response(status: status, headers: headers)
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: file.body))
    }

    /// `If-None-Match` uses the weak comparison: `W/"x"` matches `"x"`, and `*` matches any.
    static func matches(_ header: String, _ etag: String) -> Bool {
        for candidate in header.split(separator: ",") {
            var tag = candidate.drop { $0 == " " || $0 == "\t" }
            while tag.last == " " || tag.last == "\t" { tag = tag.dropLast() }
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            if tag == etag { return true }
        }
        return false
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String, head: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = MediaTypes.plainText
        headers[.cacheControl] = "no-cache"
        headers[.xContentTypeOptions] = "nosniff"
        let body = ByteBuffer(string: text)
        if head {
            headers[.contentLength] = String(body.readableBytes)
            return Response(status: status, headers: headers)
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
