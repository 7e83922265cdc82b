/// The links in every page's header, in order. A new page adds its link here (the archive
/// page: `Link(key: "archive", title: "档案库", href: "/archive")`) and its routes as a
/// `ServePage` in Pages/ (listed in `Server.pages`).
enum Navigation {
    struct Link: Sendable {
        /// The `active:` a page passes to `PageLayout.page` to mark its own link.
        var key: String
        var title: String
        var href: String
    }

    static let links: [Link] = [
        Link(key: "upload", title: "上传与读取", href: "/"),
        Link(key: "handout", title: "对比表", href: "/handout"),
        Link(key: "archive", title: "档案库", href: "/archive"),
    ]
}
