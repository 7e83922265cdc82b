import Foundation
import Hummingbird
import NianbaoCompare
import NianbaoFiles
import NianbaoModel
import NianbaoRender

/// 对比表: tick units from what was uploaded, choose the metrics, the ranking and the paper;
/// preview the handout's pages and download its PDF and CSV, as `nianbao compare` writes them.
/// The choices travel in the query (GET, nothing changes on the server), so a preview can be
/// bookmarked and the download links carry the same choices.
enum HandoutPage: ServePage {
    static func register(on router: Router<BasicRequestContext>, server: Server) {
        router.get("/handout") { request, _ -> Response in
            let (session, new) = await server.session(request)
            let choice = Choice(request.uri.queryParameters)
            var preview = ""
            if request.uri.queryParameters.get("preview") != nil {
                switch await server.handoutPDF(choice, session: session.id) {
                case .success(let pdf):
                    let query = choice.query
                    preview = """
                    <section class="panel"><h2>预览（\(pdf.pageCount) 页）</h2>
                    <p class="downloads"><a class="button" id="handout-pdf" href="/handout/download.pdf?\(query)" download>下载 PDF</a>\
                    <a class="button secondary" id="handout-csv" href="/handout/download.csv?\(query)" download>下载 CSV</a></p>
                    <div class="pages">\((1...max(1, pdf.pageCount)).map { "<img src=\"/handout/page/\($0).png?\(query)\" alt=\"第 \($0) 页\">" }.joined())</div>
                    </section>
                    """
                case .failure(let problem):
                    preview = "<section class=\"panel\"><p class=\"message\" id=\"handout-problem\">\(HTML.escape(problem.description))</p></section>"
                }
            }
            let uploads = await server.sessions.uploads(session.id)
            return Responses.html(page(uploads: uploads, choice: choice, token: session.token, preview: preview), newSession: new)
        }
        router.get("/handout/download.pdf") { request, _ -> Response in
            guard let session = await server.sessions.session(request.cookies[Cookies.session]?.value) else { return ReportPage.notFound }
            let choice = Choice(request.uri.queryParameters)
            switch await server.handoutPDF(choice, session: session.id) {
            case .success(let pdf): return Responses.file(Data(pdf.bytes), type: "application/pdf", filename: "对比表.pdf")
            case .failure(let problem): return Responses.problem(problem.description, status: .unprocessableContent)
            }
        }
        router.get("/handout/download.csv") { request, _ -> Response in
            guard let session = await server.sessions.session(request.cookies[Cookies.session]?.value) else { return ReportPage.notFound }
            switch await server.handoutSheet(Choice(request.uri.queryParameters), session: session.id) {
            case .success(let sheet): return Responses.file(Data(ComparisonExport.csv(sheet).utf8), type: "text/csv; charset=utf-8", filename: "对比表.csv")
            case .failure(let problem): return Responses.problem(problem.description, status: .unprocessableContent)
            }
        }
        router.get("/handout/page/:n") { request, context -> Response in
            guard let session = await server.sessions.session(request.cookies[Cookies.session]?.value),
                  let n = context.parameters.get("n").flatMap({ Int($0.replacingOccurrences(of: ".png", with: "")) }),
                  case .success(let pdf) = await server.handoutPDF(Choice(request.uri.queryParameters), session: session.id),
                  let png = try? pdf.page(n) else { return ReportPage.notFound }
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=600"],
                            body: .init(byteBuffer: ByteBuffer(bytes: png)))
        }
    }

    /// What the form chose.
    struct Choice: Sendable {
        var units: [String] = []
        var metrics: ComparisonBuilder.Metrics = .summary
        var sort: String = ""
        var paper: HandoutLayout.Paper = .a4

        init(_ query: Parameters) {
            units = query.getAll("u")
            metrics = query.get("metrics").flatMap(ComparisonBuilder.Metrics.init(rawValue:)) ?? .summary
            sort = query.get("sort") ?? ""
            paper = query.get("paper").flatMap(HandoutLayout.Paper.init(rawValue:)) ?? .a4
        }

        /// The same choice as a query string, for the download and page links.
        var query: String {
            (units.map { "u=\($0)" } + ["metrics=\(metrics.rawValue)", "sort=\(sort.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")", "paper=\(paper.rawValue)"])
                .joined(separator: "&amp;")
        }
    }

    /// Why no handout can be made from a choice, in the page's words.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func page(uploads: [Upload], choice: Choice, token: String, preview: String) -> String {
        let read = uploads.filter { $0.parsed != nil }
        let units = read.map { u -> String in
            let r = u.parsed!.report
            let label = (r.agency.isEmpty ? u.name : r.agency) + (r.year.map { "（\($0)年）" } ?? "")
            return "<label><input type=\"checkbox\" name=\"u\" value=\"\(u.id)\"\(choice.units.contains(u.id) ? " checked" : "")> \(HTML.escape(label)) <span class=\"file\">\(HTML.escape(u.name))</span></label>"
        }.joined()
        let sorts = ["<option value=\"\">按上传顺序</option>"] + Metric.summary.map {
            "<option value=\"\($0.key)\"\(choice.sort == $0.key ? " selected" : "")>按「\(HTML.escape($0.label))」从高到低</option>"
        }
        func radio(_ name: String, _ value: String, _ title: String, _ on: Bool) -> String {
            "<label><input type=\"radio\" name=\"\(name)\" value=\"\(value)\"\(on ? " checked" : "")> \(title)</label>"
        }
        let body = read.count < 2 ? """
            <section class="panel"><h1>对比表</h1><p>对比表需要两份或以上已读取的报告（多个单位，或同一单位的几个年度）。请先在<a href="/">上传页</a>上传。</p></section>
            """ : """
            <section class="panel"><h1>对比表</h1>
            <form class="handout" method="get" action="/handout">
            <input type="hidden" name="preview" value="1">
            <fieldset><legend>单位（已读取 \(read.count) 份）</legend><div class="units">\(units)</div></fieldset>
            <fieldset class="inline"><legend>指标</legend>\(radio("metrics", "summary", "主要指标（一页）", choice.metrics == .summary))\
            \(radio("metrics", "all", "全部 200 格及派生指标", choice.metrics == .all))</fieldset>
            <fieldset class="inline"><legend>排序与纸张</legend><select name="sort">\(sorts.joined())</select>　\
            \(radio("paper", "a4", "A4（每页至多 12 个单位）", choice.paper == .a4))\(radio("paper", "a3", "A3", choice.paper == .a3))</fieldset>
            <button class="primary" type="submit">生成预览</button>
            </form></section>
            \(preview)
            """
        return PageLayout.page(title: "对比表", active: "handout", token: token, body: body)
    }
}

extension Server {
    /// The comparison of the chosen uploads, built and ranked by the library as `compare` does.
    func handoutSheet(_ choice: HandoutPage.Choice, session: String) async -> Result<ComparisonSheet, HandoutPage.Problem> {
        let uploads = await sessions.uploads(session)
        let chosen = choice.units.compactMap { id in uploads.first { $0.id == id && $0.parsed != nil } }
        guard chosen.count >= 2 else { return .failure(.init(description: "请至少勾选两个单位：对比表需要两份或以上报告")) }
        if chosen.count > 60 { return .failure(.init(description: "一张对比表至多 60 个单位；请少选一些，或下载 CSV")) }
        let inputs = chosen.map { ComparisonInput(report: $0.parsed!.report, findings: $0.findings, source: $0.name) }
        let sheet = ComparisonBuilder.build(inputs, metrics: choice.metrics)
        guard !choice.sort.isEmpty else { return .success(sheet) }
        guard Metric.all.contains(where: { $0.key == choice.sort }), let ranked = ComparisonBuilder.ranked(sheet, by: choice.sort) else {
            return .failure(.init(description: "所选单位里有同一单位的几个年度，它们按年度并列显示、不能排序；请选“按上传顺序”，或每个单位只选一个年度"))
        }
        return .success(ranked)
    }

    /// The handout PDF of a choice, laid out on the render thread; the last one made for the
    /// session is kept, since the preview asks for each of its pages and then the download.
    func handoutPDF(_ choice: HandoutPage.Choice, session: String) async -> Result<OfficialPDF, HandoutPage.Problem> {
        let key = session + "?" + choice.query
        if let made = await pdfCache.get(key) { return .success(made) }
        let sheet: ComparisonSheet
        switch await handoutSheet(choice, session: session) {
        case .success(let s): sheet = s
        case .failure(let p): return .failure(p)
        }
        let paper = choice.paper
        do {
            let data = try await renderer.run { tools in
                var handout = HandoutLayout(style: tools.style, shaper: tools.shaper)
                handout.paper = paper
                return try PDFWriter.write(handout.layout(sheet), options: .fromEnvironment())
            }
            let bytes = [UInt8](data)
            let pdf = OfficialPDF(bytes: bytes, pageCount: try PDFPageImage.pageCount(bytes))
            await pdfCache.put(key, pdf, replacing: session + "?")
            return .success(pdf)
        } catch {
            return .failure(.init(description: "对比表未能生成：\(error)"))
        }
    }
}
