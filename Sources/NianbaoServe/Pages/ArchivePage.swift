import Hummingbird
import NianbaoArchive

/// 档案库 (`serve --db archive.sqlite`): the archive of a batch, filtered by agency, year,
/// template and verdict and sorted by any column, metric or cell; an agency's page with its
/// years side by side and trend charts. GET only: the archive is opened read-only, and every
/// choice travels in the query, so a view can be bookmarked. The HTML comes from
/// NianbaoArchive's pages (tested there without a server); this file only routes.
enum ArchivePage: ServePage {
    static let links = ArchiveListPage.Links(base: "/archive", agencyBase: "/archive/agency")

    static func register(on router: Router<BasicRequestContext>, server: Server) {
        router.get("/archive") { request, _ -> Response in
            // Every page links here: without an archive the page is still there, and says how to make one.
            guard let archive = server.archive else { return Responses.html(noArchive()) }
            let query = ArchiveQuery(parameters: parameters(request))
            // SQLite reads block: off the event loop, as the library's other work is.
            let page = await Offload.run { () -> Result<String, ArchiveError> in
                Result { () throws(ArchiveError) -> String in
                    ArchiveListPage.html(try archive.reports(query), facets: try archive.facets(), query: query, links: links)
                }
            }
            switch page {
            case .success(let body): return Responses.html(PageLayout.page(title: "档案库", active: "archive", body: body))
            case .failure(let error): return Responses.problem(error.description, status: .internalServerError)
            }
        }
        router.get("/archive/agency") { request, _ -> Response in
            guard let archive = server.archive else { return Responses.html(noArchive(), status: .notFound) }
            let name = request.uri.queryParameters.get("name") ?? ""
            let page = await Offload.run { () -> Result<[ArchivedReport], ArchiveError> in
                Result { () throws(ArchiveError) -> [ArchivedReport] in try archive.agency(name) }
            }
            switch page {
            case .success(let reports):
                return Responses.html(PageLayout.page(title: name.isEmpty ? "档案库" : name, active: "archive",
                                                      body: AgencyPage.html(agency: name, reports: reports, links: links)),
                                      status: reports.isEmpty ? .notFound : .ok)
            case .failure(let error): return Responses.problem(error.description, status: .internalServerError)
            }
        }
    }

    static func parameters(_ request: Request) -> [String: String] {
        var p: [String: String] = [:]
        for name in ["agency", "year", "template", "verdict", "sort", "desc", "page"] {
            if let value = request.uri.queryParameters.get(name) { p[name] = value }
        }
        return p
    }

    /// Without `--db` the page says how to get an archive (an agency's page then answers 404 with it).
    static func noArchive() -> String {
        PageLayout.page(title: "档案库", active: "archive", body: """
            <section class="panel"><h1>档案库</h1><p class="message">没有打开档案库。先用 <code>nianbao batch 报告文件夹 --db archive.sqlite</code> \
            生成档案库，再用 <code>nianbao serve --db archive.sqlite</code> 启动网页。</p></section>
            """)
    }
}
