import Foundation
import NianbaoLayout
import NianbaoModel
import NianbaoStyle
import NianbaoTestSupport
import XCTest

final class LayoutTests: XCTestCase {
    static let style = try! StyleLoader.load("official", searching: [TestPaths.styles])

    func report(paragraphs: Int = 3) -> Report {
        var r = Report(title: "示例县人民政府2023年政府信息公开工作年度报告", agency: "示例县人民政府", year: 2023)
        let long = String(repeating: "政府信息公开工作稳步推进。", count: 12)
        r.sections = (1...6).map { Section(number: $0, heading: Section.canonicalHeading($0)) }
        r.sections[0].paragraphs = [Paragraph(kind: .subheading, text: "（一）主动公开")] + (0..<paragraphs).map { _ in Paragraph(text: long) }
        for key in CellKey.all { r[key] = .count(0) }
        r[.requests(.new, .natural)] = .blank(line: nil)
        r[.requests(.new, .commercial)] = Cell(state: .placeholder, text: "/", written: "/")
        r[.requests(.new, .total)] = .count(1204)
        return r
    }

    func texts(_ page: Page) -> [(TextBlock, Double, Double, Range<Int>)] {
        page.items.compactMap { if case let .text(b, x, y, l) = $0 { return (b.block, x, y, l) } else { return nil } }
    }

    func testGeometryTitleAndPageNumbers() {
        let doc = ReportLayout(style: Self.style, shaper: FixedAdvanceShaper()).layout(report())
        XCTAssertEqual(doc.width, 595.2756, accuracy: 0.001)
        XCTAssertEqual(doc.height, 841.8898, accuracy: 0.001)
        let first = texts(doc.pages[0])[0]
        XCTAssertEqual(first.0.alignment, .center)
        XCTAssertEqual(first.2, 37 * 72 / 25.4, accuracy: 0.001, "title at the top margin, 37 mm")
        XCTAssertEqual(first.1, 28 * 72 / 25.4, accuracy: 0.001, "type area starts at the 28 mm binding margin")
        // Title 22 ideographs wide × 23 characters > 156 mm: broken after the agency.
        XCTAssertEqual(first.0.text, "示例县人民政府\n2023年政府信息公开工作年度报告")
        XCTAssertGreaterThanOrEqual(doc.pages.count, 3)
        for (i, page) in doc.pages.enumerated() {
            let number = texts(page).last!
            XCTAssertEqual(number.0.text, "— \(i + 1) —")
            XCTAssertEqual(number.0.alignment, i % 2 == 0 ? .right : .left, "odd pages right, even left")
            // The dashes' ink 7 mm below the type area (37 + 225 + 7 = 269 mm); the fake face
            // has its ink in the middle of the line (14 pt × 1.3 / 2 above).
            XCTAssertEqual(number.2, 269 * 72 / 25.4 - 14 * 1.3 / 2, accuracy: 0.001)
        }
        XCTAssertEqual(doc.outline.map(\.level), [0, 1, 1, 1, 1, 1, 1])
        XCTAssertEqual(doc.metadata.author, "示例县人民政府")
    }

    func testBodyTextStaysInTheTypeAreaAndSplitsByLines() {
        let doc = ReportLayout(style: Self.style, shaper: FixedAdvanceShaper()).layout(report(paragraphs: 12))
        let g = Self.style.page
        var linesByText: [String: Int] = [:]
        for page in doc.pages {
            for (block, _, y, lines) in texts(page) where block.font == Self.style.body {
                XCTAssertGreaterThanOrEqual(y, g.top - 0.01)
                XCTAssertLessThanOrEqual(y + Double(lines.count) * block.lineHeight, g.top + g.typeHeight + 0.01)
                XCTAssertEqual(block.lineHeight, g.linePitch, accuracy: 0.0001, "22 lines a page")
                XCTAssertEqual(block.indent, 2 * (16 + block.letterSpacing), accuracy: 0.0001, "first line indented two characters")
                linesByText[block.text, default: 0] += lines.count
            }
        }
        // 28 characters a line: the letter spacing fits them into 156 mm.
        let b = texts(doc.pages[0]).first { $0.0.font == Self.style.body }!.0
        XCTAssertEqual(28 * (16 + b.letterSpacing), g.typeWidth, accuracy: 0.001)
        XCTAssertEqual(linesByText.values.reduce(0, +), 12 * FixedAdvanceShaper().lineCount(b), "every line placed exactly once")
    }

    func testTableCellsPrintAsWrittenAndContinueUnder续表() {
        let doc = ReportLayout(style: Self.style, shaper: FixedAdvanceShaper()).layout(report(paragraphs: 5))
        let all = doc.pages.flatMap { texts($0) }.map(\.0.text)
        XCTAssertTrue(all.contains("1204"))
        XCTAssertTrue(all.contains("/"), "placeholder printed as written")
        // Table 2's header is repeated on the page where the table continues, under 续表.
        let pagesWith申请人 = doc.pages.indices.filter { texts(doc.pages[$0]).contains { $0.0.text == "申请人情况" } }
        XCTAssertGreaterThanOrEqual(pagesWith申请人.count, 2, "the table breaks in this layout")
        for p in pagesWith申请人.dropFirst() {
            XCTAssertTrue(texts(doc.pages[p]).contains { $0.0.text == "续表" }, "page \(p + 1)")
        }
        // A row is never split: every rule of a page lies inside the type area.
        for page in doc.pages {
            for item in page.items {
                if case let .rule(_, y1, _, y2, _) = item {
                    XCTAssertLessThanOrEqual(max(y1, y2), Self.style.page.top + Self.style.page.typeHeight + 0.01)
                }
            }
        }
    }
}

final class PageFlowTests: XCTestCase {
    func testNoOrphanNoWidow() {
        let style = LayoutTests.style
        let pitch = style.page.linePitch
        let block = TextBlock(text: "x", font: style.body, width: 100, lineHeight: pitch)
        // 22 lines a page. 20 used: a 5-line paragraph would leave 2 here and 3 there — fine.
        var flow = PageFlowProbe.flow(style, usedLines: 20)
        flow.place(block, lineCount: 5)
        XCTAssertEqual(PageFlowProbe.lines(flow), [[2], [3]])
        // 21 used: 1 line would be an orphan, so the whole paragraph moves.
        flow = PageFlowProbe.flow(style, usedLines: 21)
        flow.place(block, lineCount: 5)
        XCTAssertEqual(PageFlowProbe.lines(flow), [[], [5]])
        // 18 used: 4 fit, 1 would be a widow, so 3 stay and 2 go.
        flow = PageFlowProbe.flow(style, usedLines: 18)
        flow.place(block, lineCount: 5)
        XCTAssertEqual(PageFlowProbe.lines(flow), [[3], [2]])
    }
}

extension LayoutTests {
    func testEveryTableRuleIsDrawnOnce() {
        let doc = ReportLayout(style: Self.style, shaper: FixedAdvanceShaper()).layout(report(paragraphs: 5))
        for (p, page) in doc.pages.enumerated() {
            var horizontal: [Double: [(Double, Double)]] = [:], vertical: [Double: [(Double, Double)]] = [:]
            for case let .rule(x1, y1, x2, y2, _) in page.items {
                if y1 == y2 { horizontal[y1, default: []].append((min(x1, x2), max(x1, x2))) } else { vertical[x1, default: []].append((min(y1, y2), max(y1, y2))) }
            }
            for (line, segments) in Array(horizontal) + Array(vertical) {
                let sorted = segments.sorted { $0.0 < $1.0 }
                for (a, b) in zip(sorted, sorted.dropFirst()) {
                    XCTAssertGreaterThan(b.0, a.1 + 0.001, "page \(p + 1): two rules on line \(line) overlap or touch: \(a) and \(b)")
                }
            }
        }
    }
}

extension LayoutTests {
    func testAMissingSectionIsOneLineNotATableOfQuestionMarks() {
        var r = report(paragraphs: 2)
        r.sections.removeAll { $0.number == 3 }
        let doc = ReportLayout(style: Self.style, shaper: FixedAdvanceShaper()).layout(r)
        let texts = doc.pages.flatMap { page in page.items.compactMap { item -> String? in
            if case .text(let block, _, _, _) = item { return block.block.text }
            return nil
        } }
        let heading = texts.firstIndex(of: "三、收到和处理政府信息公开申请情况")
        XCTAssertNotNil(heading)
        XCTAssertEqual(texts[heading! + 1], ReportLayout.missingSection)
        XCTAssertFalse(texts.contains("自然人"), "no table 2 header: the table was not printed")
        XCTAssertTrue(texts.contains("信息内容"), "table 1 still is")
    }
}

extension LayoutTests {
    func testTheVerticalResultLabelContinuesOnTheContinuationPage() {
        // Wherever table 2 breaks inside the 21 result rows, each part tall enough for the
        // label's nine characters at the type size shows 三、本年度办理结果, not an empty strip.
        let results = Set(RequestRow.allCases.filter { $0.group != nil || $0 == .granted || $0 == .partiallyGranted }.map(\.label))
        var parts = 0, short = 0
        for paragraphs in 0..<60 {
            var r = report(paragraphs: paragraphs / 2)
            // Odd counts: one more line of prose, so the break moves by a line, not a paragraph.
            if paragraphs % 2 == 1 { r.sections[0].paragraphs.append(Paragraph(text: "补充说明。")) }
            let doc = ReportLayout(style: Self.style, shaper: FixedAdvanceShaper()).layout(r)
            for page in doc.pages {
                let texts = page.items.compactMap { item -> String? in
                    if case .text(let block, _, _, _) = item { return block.block.text }
                    return nil
                }
                let rows = texts.filter { results.contains($0) }.count
                guard rows >= 5 else { continue }
                parts += 1
                if rows < 7 { short += 1 }  // too short for the label at its own line pitch
                XCTAssertTrue(texts.contains("三、本年度办理结果"), "\(paragraphs) paragraphs: a page with \(rows) result rows has no label")
            }
        }
        XCTAssertGreaterThan(parts, 24, "the table broke inside the span for some lengths")
        _ = short  // with one-line rows no part is that short; the real faces' taller rows are
    }
}

extension LayoutTests {
    /// The whole report layout, tables included, as text: a change to where anything goes
    /// shows as a diff of `Golden/report.frames.txt` (`make golden` rewrites it).
    func testReportFramesMatchTheGoldenFile() {
        let doc = ReportLayout(style: Self.style, shaper: FixedAdvanceShaper()).layout(report())
        let golden = TestPaths.root.appendingPathComponent("Tests/NianbaoLayoutTests/Golden/report.frames.txt")
        if let difference = Golden.check(FrameDump.text(doc), file: golden) { XCTFail(difference) }
    }
}

extension LayoutTests {
    /// Frames carry shaped text: every item's glyphs show its block's text in order, and
    /// `drawnLines` (the placement every writer draws) ends each justified body line at the
    /// type area's right edge, within the rounding of one glyph's advance.
    func testFramesCarryShapedLinesThatEveryWriterPlacesAlike() {
        let doc = ReportLayout(style: Self.style, shaper: FixedAdvanceShaper()).layout(report(paragraphs: 4))
        let g = Self.style.page
        var justified = 0
        for page in doc.pages {
            for case let .text(shaped, x, y, lines) in page.items {
                XCTAssertLessThanOrEqual(lines.upperBound, shaped.lines.count, "«\(shaped.block.text)»: the item's lines exist")
                let shown = shaped.lines.flatMap(\.glyphs).map { shaped.text(of: $0) }.joined()
                XCTAssertEqual(shown, shaped.block.text.replacingOccurrences(of: "\n", with: ""), "glyphs show the block's text")
                shaped.drawnLines(x: x, y: y, lines: lines) { drawn in
                    guard let first = drawn.first, let last = drawn.last else { return }
                    XCTAssertGreaterThanOrEqual(first.x, g.left - 0.01)
                    // Lines strictly inside the block's last line are justified to the full width.
                    if shaped.block.alignment == .justify, shaped.block.font == Self.style.body,
                       let index = shaped.lines.firstIndex(where: { $0.glyphs.first?.text == first.glyph.text }), index < shaped.lines.count - 1 {
                        XCTAssertEqual(last.x + last.glyph.fontAdvance, g.left + g.typeWidth, accuracy: 0.01, "«\(shaped.block.text.prefix(12))…» line \(index)")
                        justified += 1
                    }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(justified, 20, "justified lines were looked at")
    }
}

extension LayoutTests {
    /// One rule for numbers and Latin words: runs of letters and digits with . , : % - /
    /// between them. Justification stretches no gap inside one (nor does letter spacing,
    /// which the renderer takes from the same `WordRuns`).
    func testJustificationLeavesNumbersAndDatesWhole() {
        XCTAssertEqual(WordRuns.ranges(Array("于2022-01-31发布1,204条，占50%。A股".utf8)), [3..<13, 19..<24, 33..<35])
        let text = "政府信息公开于2022-01-31发布1,204条信息" + String(repeating: "工作稳步推进", count: 4)
        let block = TextBlock(text: text, font: Self.style.body, width: Self.style.page.typeWidth, alignment: .justify, lineHeight: Self.style.page.linePitch)
        let shaped = FixedAdvanceShaper().shape(block)
        XCTAssertGreaterThan(shaped.lines.count, 1)
        var checked = 0
        shaped.drawnLines(x: 0, y: 0, lines: 0..<1) { drawn in
            let texts = drawn.map { shaped.text(of: $0.glyph) }
            for word in ["2022-01-31", "1,204"] {
                guard let start = (0..<texts.count).first(where: { texts[$0...].prefix(word.count).joined() == word }) else { continue }
                for i in start..<(start + word.count - 1) {
                    XCTAssertEqual(drawn[i + 1].x - drawn[i].x, block.font.size, accuracy: 0.001, "«\(word)» is not stretched at «\(texts[i])»")
                    checked += 1
                }
                // …while the gaps around it are.
                XCTAssertGreaterThan(drawn[start].x - drawn[start - 1].x, block.font.size + 0.01, "the gap before «\(word)» stretches")
            }
        }
        XCTAssertEqual(checked, 9 + 4, "both runs are on the first line")
    }
}
