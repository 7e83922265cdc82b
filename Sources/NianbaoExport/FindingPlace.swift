import NianbaoModel

/// Where a finding points, as the text and Markdown exports write it: `page 3 line 12` in a
/// PDF (the line counts lines on that page), `line 12` otherwise, nil when it has no place.
enum FindingPlace {
    static func of(_ f: Finding) -> String? {
        switch (f.page, f.line) {
        case let (page?, line?): return "page \(page) line \(line)"
        case let (page?, nil): return "page \(page)"
        case let (nil, line?): return "line \(line)"
        case (nil, nil): return nil
        }
    }
}
