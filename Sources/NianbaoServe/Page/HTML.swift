import Foundation

/// Text put into HTML: every `&<>"'` escaped, so a file name or report text shows as written.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A query string value (`agency=汉阴县`): UTF-8, every byte outside the unreserved set escaped.
    static func query(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// A figure as the page shows it: counts plain, rates as percentages.
    static func figure(_ value: Double?, rate: Bool) -> String {
        guard let value else { return "" }
        if rate { return String(format: "%.1f%%", value * 100) }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.2f", value)
    }
}
