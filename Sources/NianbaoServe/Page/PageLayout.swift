/// The frame every page shares: head (the served stylesheet and script, nothing from outside),
/// the header with the navigation, and the session token for the page's script.
enum PageLayout {
    static func page(title: String, active: String, token: String = "", body: String) -> String {
        let nav = Navigation.links.map { link in
            "<a href=\"\(link.href)\"\(link.key == active ? " class=\"active\" aria-current=\"page\"" : "")>\(HTML.escape(link.title))</a>"
        }.joined()
        return """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="nianbao-token" content="\(HTML.escape(token))">
        <title>\(HTML.escape(title)) · 年报</title>
        <link rel="stylesheet" href="/assets/app.css">
        <script src="/assets/app.js" defer></script>
        </head>
        <body>
        <header class="top"><span class="brand">年报 <small>政府信息公开工作年度报告</small></span><nav>\(nav)</nav>
        <span class="local">数据只在本机处理</span></header>
        <main>
        \(body)
        </main>
        </body>
        </html>
        """
    }
}
