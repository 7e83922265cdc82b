import NianbaoLayout

/// A glyph's outline as path segments in font units (y up): what a page number is drawn
/// with, so that it prints as text does but is no text that extraction could pick up.
enum PathSegment: Equatable {
    case move(Double, Double)
    case line(Double, Double)
    /// A cubic Bézier (TrueType's quadratic curves are raised to cubics, which PDF draws).
    case curve(Double, Double, Double, Double, Double, Double)
    case close
}

extension PathSegment {
    /// The outlines of a line's glyphs where they are drawn: points from the page's top-left,
    /// y down, as the frames measure (each writer turns them into its own units). `faces` as
    /// `ShapedText.faces`; glyphs of a face without outlines (nil) are skipped.
    static func placed(_ glyphs: [DrawnGlyph], size: Double, faces: [TrueTypeFace?]) -> [PathSegment] {
        var placed: [PathSegment] = []
        for drawn in glyphs {
            guard let face = faces[drawn.glyph.face] else { continue }
            let scale = size / Double(face.unitsPerEm)
            func x(_ v: Double) -> Double { drawn.x + v * scale }
            func y(_ v: Double) -> Double { drawn.baseline - v * scale }
            for segment in face.outline(drawn.glyph.glyph) {
                switch segment {
                case let .move(a, b): placed.append(.move(x(a), y(b)))
                case let .line(a, b): placed.append(.line(x(a), y(b)))
                case let .curve(a1, b1, a2, b2, a, b): placed.append(.curve(x(a1), y(b1), x(a2), y(b2), x(a), y(b)))
                case .close: placed.append(.close)
                }
            }
        }
        return placed
    }
}

extension TrueTypeFace {
    /// The outline of `glyph`: simple glyphs' contours, composites' components placed (and
    /// scaled) as they say. Empty for a blank glyph or a malformed one.
    func outline(_ glyph: Int, depth: Int = 0) -> [PathSegment] {
        let range = glyphData(glyph)
        guard range.count >= 10, depth < 8 else { return [] }
        let contours = Int(bytes.i16(range.lowerBound))
        return contours >= 0 ? simpleOutline(range, contours: contours) : compositeOutline(range, depth: depth)
    }

    private func simpleOutline(_ range: Range<Int>, contours: Int) -> [PathSegment] {
        var at = range.lowerBound + 10
        guard at + 2 * contours + 2 <= range.upperBound else { return [] }
        let ends = (0..<contours).map { Int(bytes.u16(at + 2 * $0)) }
        at += 2 * contours
        at += 2 + Int(bytes.u16(at))  // instructions
        let count = (ends.last ?? -1) + 1
        var flags: [UInt8] = []
        flags.reserveCapacity(count)
        while flags.count < count, at < range.upperBound {
            let flag = bytes[at]; at += 1
            flags.append(flag)
            if flag & 0x08 != 0, at < range.upperBound {  // repeated
                let times = Int(bytes[at]); at += 1
                flags.append(contentsOf: repeatElement(flag, count: min(times, count - flags.count)))
            }
        }
        guard flags.count == count else { return [] }
        func coordinates(short: UInt8, same: UInt8) -> [Int]? {
            var values: [Int] = [], value = 0
            values.reserveCapacity(count)
            for flag in flags {
                if flag & short != 0 {
                    guard at < range.upperBound else { return nil }
                    value += flag & same != 0 ? Int(bytes[at]) : -Int(bytes[at]); at += 1
                } else if flag & same == 0 {
                    guard at + 2 <= range.upperBound else { return nil }
                    value += Int(bytes.i16(at)); at += 2
                }
                values.append(value)
            }
            return values
        }
        guard let xs = coordinates(short: 0x02, same: 0x10), let ys = coordinates(short: 0x04, same: 0x20) else { return [] }
        var segments: [PathSegment] = []
        var start = 0
        for end in ends where end < count && end >= start {
            let points = (start...end).map { (x: Double(xs[$0]), y: Double(ys[$0]), on: flags[$0] & 0x01 != 0) }
            segments += Self.contour(points)
            start = end + 1
        }
        return segments
    }

    /// One closed contour: consecutive off-curve points have an on-curve point between them.
    private static func contour(_ points: [(x: Double, y: Double, on: Bool)]) -> [PathSegment] {
        guard let firstOn = points.firstIndex(where: \.on) else {
            // All off-curve: start at the middle of the first two.
            guard points.count >= 2 else { return [] }
            let start = (x: (points[0].x + points[1].x) / 2, y: (points[0].y + points[1].y) / 2, on: true)
            return contour([start] + points[1...] + [points[0]])
        }
        let ordered = Array(points[firstOn...] + points[..<firstOn])
        var segments: [PathSegment] = [.move(ordered[0].x, ordered[0].y)]
        var current = (x: ordered[0].x, y: ordered[0].y)
        var control: (x: Double, y: Double)?
        func quadratic(to end: (x: Double, y: Double), via c: (x: Double, y: Double)) {
            segments.append(.curve(current.x + 2 / 3 * (c.x - current.x), current.y + 2 / 3 * (c.y - current.y),
                                   end.x + 2 / 3 * (c.x - end.x), end.y + 2 / 3 * (c.y - end.y), end.x, end.y))
            current = end
        }
        for point in ordered.dropFirst() + [ordered[0]] {
            if point.on {
                if let c = control { quadratic(to: (point.x, point.y), via: c) } else {
                    segments.append(.line(point.x, point.y))
                    current = (point.x, point.y)
                }
                control = nil
            } else {
                if let c = control { quadratic(to: ((c.x + point.x) / 2, (c.y + point.y) / 2), via: c) }
                control = (point.x, point.y)
            }
        }
        segments.append(.close)
        return segments
    }

    private func compositeOutline(_ range: Range<Int>, depth: Int) -> [PathSegment] {
        var segments: [PathSegment] = []
        var at = range.lowerBound + 10
        while at + 4 <= range.upperBound {
            let flags = bytes.u16(at), component = Int(bytes.u16(at + 2))
            at += 4
            var dx = 0.0, dy = 0.0
            if flags & 0x0001 != 0 {  // ARG_1_AND_2_ARE_WORDS
                guard at + 4 <= range.upperBound else { break }
                dx = Double(bytes.i16(at)); dy = Double(bytes.i16(at + 2)); at += 4
            } else {
                guard at + 2 <= range.upperBound else { break }
                dx = Double(Int8(bitPattern: bytes[at])); dy = Double(Int8(bitPattern: bytes[at + 1])); at += 2
            }
            if flags & 0x0002 == 0 { dx = 0; dy = 0 }  // point matching: rare in CJK faces, placed at the origin
            func f2dot14(_ at: Int) -> Double { Double(bytes.i16(at)) / 16384 }
            var (a, b, c, d) = (1.0, 0.0, 0.0, 1.0)
            if flags & 0x0008 != 0, at + 2 <= range.upperBound {
                a = f2dot14(at); d = a; at += 2
            } else if flags & 0x0040 != 0, at + 4 <= range.upperBound {
                a = f2dot14(at); d = f2dot14(at + 2); at += 4
            } else if flags & 0x0080 != 0, at + 8 <= range.upperBound {
                a = f2dot14(at); b = f2dot14(at + 2); c = f2dot14(at + 4); d = f2dot14(at + 6); at += 8
            }
            func place(_ x: Double, _ y: Double) -> (Double, Double) { (a * x + c * y + dx, b * x + d * y + dy) }
            for segment in outline(component, depth: depth + 1) {
                switch segment {
                case let .move(x, y): let p = place(x, y); segments.append(.move(p.0, p.1))
                case let .line(x, y): let p = place(x, y); segments.append(.line(p.0, p.1))
                case let .curve(x1, y1, x2, y2, x, y):
                    let p1 = place(x1, y1), p2 = place(x2, y2), p = place(x, y)
                    segments.append(.curve(p1.0, p1.1, p2.0, p2.1, p.0, p.1))
                case .close: segments.append(.close)
                }
            }
            if flags & 0x0020 == 0 { break }  // MORE_COMPONENTS
        }
        return segments
    }
}
