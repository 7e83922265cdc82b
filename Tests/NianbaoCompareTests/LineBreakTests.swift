import Foundation
import NianbaoChecks
import NianbaoCompare
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// Line breaks a reader accepts (FORMAT.md §6): every line break in every table cell of the
/// samples' reports and in every unit name of handouts for 12, 25 and 40 units is listed, and
/// none falls inside a word.
final class LineBreakTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    /// Words no line may break inside, written from the templates and real agency names
    /// (not from `LineBreaks`, so that the test does not check the code against itself).
    static let words = ["第三方", "合法", "权益", "不予公开", "无法提供", "不予处理", "其他处理", "予以", "部分", "公开", "申请", "信息",
                        "政府信息", "国家秘密", "行政法规", "内部事务", "过程性", "行政执法", "案卷", "行政查询", "事项", "本机关", "不掌握",
                        "现成", "另行", "制作", "补正后", "明确", "信访", "举报", "投诉类", "重复", "出版物", "正当理由", "反复", "行政机关",
                        "确认", "重新", "出具", "已获取", "申请人", "逾期", "补正", "收费", "通知", "缴纳", "费用", "不再", "处理", "总计",
                        "结转", "下年度", "继续", "办理", "本年", "新收", "上年", "数量", "结果", "维持", "纠正", "尚未", "审结", "商业", "企业",
                        "科研", "机构", "社会", "公益", "组织", "法律", "服务", "自然人", "其他组织", "勾稽", "关系", "第一项", "第二项",
                        "第三项", "第四项", "之和", "行政复议", "行政诉讼", "复议", "起诉", "规章", "规范性", "文件", "件数", "制发", "废止",
                        "现行", "有效", "行政许可", "行政处罚", "行政强制", "事业性", "金额", "决定",
                        // Agency names.
                        "人民政府", "办公室", "委员会", "办事处", "街道", "城关镇", "东城", "发展", "改革局", "人力资源", "社会", "住房",
                        "城乡", "建设局", "文化", "广电", "旅游局", "卫生健康", "市场监督", "管理局", "行政审批", "服务局", "退役军人", "事务局",
                        "公共资源", "交易", "中心", "残疾人", "联合会", "融媒体", "工业", "信息化局", "自然", "资源局", "生态", "环境局", "交通",
                        "运输局", "农业", "农村局", "应急", "医疗", "保障局"]

    /// The places inside a word of `Self.words` where `text` breaks, as `前/后`.
    static func badBreaks(_ shaped: ShapedText) -> [String] {
        let utf8 = Array(shaped.block.text.utf8)
        var bad: [String] = []
        for start in LineBreaks.lineStarts(shaped) {
            for word in words {
                let w = Array(word.utf8)
                // An occurrence of the word that `start` falls strictly inside.
                for offset in stride(from: max(0, start - w.count + 1), to: start, by: 1) where offset + w.count <= utf8.count {
                    if Array(utf8[offset..<(offset + w.count)]) == w {
                        bad.append(String(decoding: utf8[..<start], as: UTF8.self) + "/" + String(decoding: utf8[start...], as: UTF8.self) + " (\(word))")
                    }
                }
            }
        }
        return bad
    }

    /// Text items of several lines in a document's table cells and figures (not a vertical
    /// label, set a character a line as the template draws it).
    func tableTexts(_ doc: PagedDocument) -> [ShapedText] {
        var refs = Set<ItemReference>()
        doc.structure?.walk { element, _ in
            if [.headerCell, .cell, .figure].contains(element.role) { refs.formUnion(element.content) }
        }
        return refs.compactMap { ref in
            guard case let .text(shaped, _, _, _) = doc.pages[ref.page].items[ref.item], shaped.lines.count > 1,
                  !shaped.charactersPerLine.allSatisfy({ $0 <= 2 }) else { return nil }
            return shaped
        }
    }

    func testNoTableLabelBreaksInsideAWord() throws {
        var breaks = 0
        for style in ["official", "compact"].map({ try! StyleLoader.load($0, searching: [TestPaths.styles]) }) {
            for name in TestPaths.samples {
                let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name)))).report
                let doc = ReportLayout(style: style, shaper: PangoShaper()).layout(report)
                for shaped in tableTexts(doc) {
                    breaks += shaped.lines.count - 1
                    let bad = Self.badBreaks(shaped)
                    XCTAssert(bad.isEmpty, "\(name) (\(style.name)): " + bad.joined(separator: "; "))
                }
            }
        }
        XCTAssertGreaterThan(breaks, 100, "the tables' labels do wrap")
    }

    static let units = ["城关镇人民政府", "东城街道办事处", "西城街道办事处", "南关镇人民政府", "北坡乡人民政府", "县发展和改革局", "县教育体育局",
                        "县公安局", "县民政局", "县财政局", "县人力资源和社会保障局", "县自然资源局", "县生态环境局", "县住房和城乡建设局",
                        "县交通运输局", "县水利局", "县农业农村局", "县商务局", "县文化广电和旅游局", "县卫生健康委员会", "县应急管理局",
                        "县审计局", "县市场监督管理局", "县统计局", "县医疗保障局", "县林业局", "县信访局", "县行政审批服务局", "县司法局",
                        "县退役军人事务局", "县城市管理局", "县科技局", "县工业和信息化局", "县气象局", "县档案馆", "县融媒体中心",
                        "县公共资源交易中心", "县残疾人联合会", "县妇女联合会", "县人民政府办公室"]

    func testNoUnitNameBreaksInsideAWord() throws {
        let style = try StyleLoader.load("official", searching: [TestPaths.styles])
        let reports = try TestPaths.samples.map { try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample($0)))) }
        var breaks = 0
        for count in [12, 25, 40] {
            let inputs = (0..<count).map { i in
                var parsed = reports[i % reports.count]
                parsed.report.agency = "示例县" + Self.units[i]
                return ComparisonInput(report: parsed.report, findings: Checker.findings(for: parsed))
            }
            for metrics in [ComparisonBuilder.Metrics.summary, .all] {
                let doc = HandoutLayout(style: style, shaper: PangoShaper()).layout(ComparisonBuilder.build(inputs, metrics: metrics, title: nil))
                for shaped in tableTexts(doc) {
                    breaks += shaped.lines.count - 1
                    let bad = Self.badBreaks(shaped)
                    XCTAssert(bad.isEmpty, "\(count) units: " + bad.joined(separator: "; "))
                }
            }
        }
        XCTAssertGreaterThan(breaks, 20, "unit names do wrap in the handouts")
    }

    func testNameParts() {
        func parts(_ name: String) -> [String] {
            let utf8 = Array(name.utf8)
            var cuts = [0]
            for r in LineBreaks.name(name) { cuts += [r.lowerBound, r.upperBound] }
            cuts = Array(Set(cuts + [utf8.count])).sorted()
            return zip(cuts, cuts.dropFirst()).map { String(decoding: utf8[$0..<$1], as: UTF8.self) }
        }
        XCTAssertEqual(parts("城关镇人民政府"), ["城关镇", "人民政府"])
        XCTAssertEqual(parts("发展和改革局"), ["发展和", "改革局"])
        XCTAssertEqual(parts("汉阴县人民政府办公室"), ["汉阴县", "人民政府", "办公室"])
        XCTAssertEqual(parts("县行政审批服务局"), ["县行政审批", "服务局"], "a lone 县 is no line of its own")
        XCTAssertEqual(parts("东城街道办事处"), ["东城", "街道办事处"])
    }
}
