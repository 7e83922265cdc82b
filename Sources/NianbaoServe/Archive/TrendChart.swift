import NianbaoArchive
import Foundation

/// A small line chart of one figure over the years, as inline SVG drawn on the server: no
/// script, no CDN, readable by a screen reader through its title and the table beside it.
enum TrendChart {
    /// `points` are (year, value); a year without a value breaks the line there.
    static func svg(title: String, points: [(year: Int, value: Double?)], rate: Bool, width: Double = 520, height: Double = 200) -> String {
        let left = 56.0, right = 16.0, top = 28.0, bottom = 32.0
        let values = points.compactMap(\.value)
        var top_ = values.max() ?? 1, low = min(0, values.min() ?? 0)
        if top_ == low { top_ = low + 1 }
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Double { points.count < 2 ? left + plotW / 2 : left + plotW * Double(i) / Double(points.count - 1) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - low) / (top_ - low)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var s = "<svg class=\"trend\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title>\(HTML.escape(title))</title>"
        s += "<text x=\"\(f(left))\" y=\"16\" class=\"caption\">\(HTML.escape(title))</text>"
        // Axis lines at the lowest and highest value, labelled.
        for v in [low, top_] {
            s += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" class=\"grid\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" class=\"tick\">\(HTML.figure(v, rate: rate))</text>"
        }
        var run: [String] = []
        func flush() {
            if run.count > 1 { s += "<polyline points=\"\(run.joined(separator: " "))\" class=\"line\"/>" }
            run = []
        }
        for (i, p) in points.enumerated() {
            s += "<text x=\"\(f(x(i)))\" y=\"\(f(height - 10))\" text-anchor=\"middle\" class=\"tick\">\(p.year)</text>"
            guard let v = p.value else { flush(); continue }
            run.append("\(f(x(i))),\(f(y(v)))")
            s += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"3.5\" class=\"dot\"><title>\(p.year)：\(HTML.figure(v, rate: rate))</title></circle>"
        }
        flush()
        return s + "</svg>"
    }
}
