import Foundation
import Hummingbird
import NianbaoCompare
import NianbaoExport
import NianbaoModel

/// One report as read: its three tables with each cell's state and source, the findings
/// beside them (each pointing at its cells), the official PDF's pages, and every download.
enum ReportPage: ServePage {
    static func register(on router: Router<BasicRequestContext>, server: Server) {
        router.get("/report/:id") { request, context -> Response in
            guard let (upload, session) = await server.upload(request, context) else { return notFound }
            guard let parsed = upload.parsed else {
                return Responses.html(PageLayout.page(title: upload.name, active: "upload", token: session.token, body: """
                    <section class="panel"><h1>\(HTML.escape(upload.name))</h1><p class="message">未读取：\(HTML.escape(upload.row.message))</p>
                    <p><a href="/">返回上传页</a></p></section>
                    """))
            }
            let pages = (try? await server.officialPDF(upload).pageCount) ?? 0
            return Responses.html(page(upload, parsed: parsed, findings: upload.findings, pages: pages, token: session.token))
        }
        router.get("/report/:id/download/:format") { request, context -> Response in
            guard let (upload, _) = await server.upload(request, context), let parsed = upload.parsed else { return notFound }
            guard let format = context.parameters.get("format").flatMap(DownloadFormat.init(rawValue:)) else {
                return Responses.problem("没有这种下载格式", status: .notFound)
            }
            do {
                let data = try await server.download(format, upload: upload, parsed: parsed)
                return Responses.file(data, type: format.contentType, filename: downloadName(parsed.report, upload) + "." + format.fileExtension)
            } catch {
                return Responses.problem("\(format.title) 未能生成：\(error)", status: .unprocessableContent)
            }
        }
        router.get("/report/:id/page/:n") { request, context -> Response in
            guard let (upload, _) = await server.upload(request, context), upload.parsed != nil,
                  let n = context.parameters.get("n").flatMap({ Int($0.replacingOccurrences(of: ".png", with: "")) }) else { return notFound }
            guard let png = try? await server.officialPDF(upload).page(n) else { return notFound }
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=600"],
                            body: .init(byteBuffer: ByteBuffer(bytes: png)))
        }
    }

    static var notFound: Response { Responses.problem("没有这份报告（服务重启后需重新上传）", status: .notFound) }

    /// `<机关><年份>年度报告` when the title was found, else the uploaded file's own stem.
    static func downloadName(_ r: Report, _ upload: Upload) -> String {
        if !r.agency.isEmpty { return r.agency + (r.year.map { "\($0)年" } ?? "") + "政府信息公开工作年度报告" }
        let last = upload.name.split(separator: "/").last.map(String.init) ?? "report"
        return last.split(separator: ".").dropLast().joined(separator: ".").isEmpty ? last : last.split(separator: ".").dropLast().joined(separator: ".")
    }

    static func page(_ upload: Upload, parsed: ParsedReport, findings: [Finding], pages: Int, token: String) -> String {
        let r = parsed.report
        let flagged = Set(findings.flatMap { $0.keys + ($0.relation.map { $0.left + $0.right } ?? []) })
        let tables = ExportTable.tables(of: r).map { tableHTML($0, report: r, flagged: flagged) }.joined()
        let downloads = DownloadFormat.allCases.map {
            "<a class=\"button secondary\" href=\"/report/\(upload.id)/download/\($0.rawValue)\" download>\($0.title)</a>"
        }.joined()
        let preview = (0..<pages).map {
            "<img src=\"/report/\(upload.id)/page/\($0 + 1).png\" alt=\"第 \($0 + 1) 页\" loading=\"lazy\">"
        }.joined()
        return PageLayout.page(title: r.agency.isEmpty ? upload.name : r.agency, active: "upload", token: token, body: """
        <section class="panel">
        <h1>\(HTML.escape(r.title.isEmpty ? upload.name : r.title))</h1>
        <p class="meta"><span>机关：\(HTML.escape(r.agency.isEmpty ? "（未找到）" : r.agency))</span><span>年度：\(r.year.map(String.init) ?? "—")</span>\
        <span>\(HTML.escape(Upload.templateName(r.template)))</span><span>文件：\(HTML.escape(upload.name))</span>\
        <span>错误 \(findings.errorCount) · 警告 \(findings.warningCount)</span></p>
        <div class="downloads">\(downloads)</div>
        </section>
        <div class="report">
        <div>
        <section class="panel">
        <p class="legend">格子：<span>数字</span><span class="blank">空白</span><span class="placeholder">占位符（/ — 无）</span>\
        <span class="unreadable">无法识读</span><span class="solved">由算术确定</span><span class="flagged">检查涉及</span>　点击格子看它出自哪一行。</p>
        \(tables)
        </section>
        <section class="panel"><h2>正式版式预览（PDF，\(pages) 页）</h2><div class="pages">\(preview)</div></section>
        </div>
        <aside>
        <section class="panel"><h2>格子详情</h2><div id="cell-info" class="cell-info">点击表中的格子或右侧的检查结果。</div></section>
        <section class="panel"><h2>检查结果（\(findings.count)）</h2>\(findingsHTML(findings))</section>
        </aside>
        </div>
        """)
    }

    static func tableHTML(_ table: ExportTable, report: Report, flagged: Set<CellKey>) -> String {
        var html = "<h3>\(HTML.escape(table.caption))</h3><table class=\"cells\"><thead><tr><th>项目</th>"
        html += table.columns.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for (i, row) in table.rows.enumerated() {
            html += "<tr><td class=\"label\">\(HTML.escape(row.label))</td>"
            let keys = i < table.keys.count ? table.keys[i] : []
            for (j, value) in row.values.enumerated() {
                guard j < keys.count, let key = keys[j] else {
                    html += "<td>\(HTML.escape(value))</td>"
                    continue
                }
                let cell = report[key]
                var classes = ["cell", cell.state.rawValue]
                if cell.solved { classes.append("solved") }
                if flagged.contains(key) { classes.append("flagged") }
                html += "<td class=\"\(classes.joined(separator: " "))\" data-key=\"\(key.rawValue)\" title=\"\(HTML.escape(cellDetail(key, cell)))\">"
                html += cell.state == .blank ? "" : HTML.escape(value)
                html += "</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    /// What a cell's tooltip and the detail box say: which cell, its state, where it came from.
    static func cellDetail(_ key: CellKey, _ cell: Cell) -> String {
        let state: String
        switch cell.state {
        case .number: state = "数字 \(cell.text)\(cell.unit ?? "")"
        case .blank: state = "空白（未填写）"
        case .placeholder: state = "占位符「\(cell.written)」（不适用）"
        case .unreadable: state = cell.written.isEmpty ? "无法识读（未找到这一行）" : "无法识读：「\(cell.written)」"
        }
        var parts = ["\(key.label)（\(key.rawValue)）", state]
        if cell.solved { parts.append("数字粘连，由表内算术唯一确定") }
        if cell.state == .number, cell.written != cell.text, !cell.written.isEmpty { parts.append("原文写作「\(cell.written)」") }
        parts.append("出处：" + place(page: cell.page, line: cell.line))
        return parts.joined(separator: "；")
    }

    static func place(page: Int?, line: Int?) -> String {
        switch (page, line) {
        case let (p?, l?): return "第 \(p) 页第 \(l) 行"
        case let (nil, l?): return "第 \(l) 行"
        case let (p?, nil): return "第 \(p) 页"
        default: return "未知"
        }
    }

    static func findingsHTML(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "<p class=\"hint\">没有发现问题。</p>" }
        let items = findings.map { f -> String in
            let keys = f.keys + (f.relation.map { $0.left + $0.right } ?? [])
            let chinese = FindingText.chinese(f)
            let detail = "\(chinese)\n\(f.id.rawValue): \(f.message)"
            return """
            <li class="\(f.severity.rawValue)" data-keys="\(keys.map(\.rawValue).joined(separator: " "))" data-detail="\(HTML.escape(detail))">\
            <strong>\(f.severity == .error ? "错误" : "警告")</strong> \(HTML.escape(chinese))\
            <div class="where">\(place(page: f.page, line: f.line)) · \(HTML.escape(f.id.rawValue))</div></li>
            """
        }
        return "<ul class=\"findings\">\(items.joined())</ul>"
    }
}

extension Server {
    /// The upload named in the path, if it is the requesting browser's own.
    func upload(_ request: Request, _ context: BasicRequestContext) async -> (Upload, Sessions.Session)? {
        guard let session = await sessions.session(request.cookies[Cookies.session]?.value),
              let id = context.parameters.get("id"),
              let upload = await sessions.upload(id, in: session.id) else { return nil }
        return (upload, session)
    }
}
