import Foundation

extension ArchiveQuery {
    /// The page's rows per page.
    public static let pageSize = 50

    /// A query from the archive page's URL parameters (`agency`, `year`, `template`, `verdict`,
    /// `sort`, `desc`, `page` from 1). Anything unusable is dropped, not refused: a page
    /// always answers; an unknown sort falls back to the agency.
    public init(parameters: [String: String]) {
        func text(_ name: String) -> String? {
            guard let v = parameters[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return String(v.prefix(200))
        }
        let sort = text("sort").flatMap { (try? SortKey($0)) != nil ? $0 : nil } ?? Column.agency.rawValue
        let page = max(1, min(Int(text("page") ?? "") ?? 1, 1_000_000))
        self.init(agency: text("agency"), year: text("year").flatMap { Int($0) },
                  template: text("template").flatMap { ["2021", "2019"].contains($0) ? $0 : nil },
                  verdict: text("verdict").flatMap { ["ok", "warnings", "errors"].contains($0) ? $0 : nil },
                  sort: sort, descending: text("desc") == "1", limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
    }

    /// The URL parameters that give this query back, with `changes` applied (empty values dropped).
    public func parameters(_ changes: [String: String?] = [:]) -> String {
        var p: [(String, String?)] = [("agency", agency), ("year", year.map(String.init)), ("template", template), ("verdict", verdict),
                                      ("sort", sort == Column.agency.rawValue ? nil : sort), ("desc", descending ? "1" : nil),
                                      ("page", offset > 0 ? String(offset / max(1, limit) + 1) : nil)]
        for (name, value) in changes {
            if let i = p.firstIndex(where: { $0.0 == name }) { p[i].1 = value } else { p.append((name, value)) }
        }
        return p.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : "\(name)=\(Self.percentEncoded($0))" } }.joined(separator: "&")
    }

    /// A parameter's value in a URL: UTF-8, every byte outside the unreserved set escaped.
    static func percentEncoded(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
