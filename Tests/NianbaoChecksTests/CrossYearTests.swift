import NianbaoChecks
import NianbaoModel
import XCTest

/// Two years of one agency: carried over against last year's carried forward, and the
/// documents in force carried on.
final class CrossYearTests: XCTestCase {
    /// 2021 carries 1 (natural) forward; 2022 (CheckTests.clean) carries 2 over, so 2021 is
    /// set up to carry 2 forward where the years agree. Regulations: 5 in force in 2021,
    /// 2022 issues 2 and repeals 1, so 6 are in force.
    static func pair() -> (Report, Report) {
        var later = CheckTests.clean()
        var earlier = CheckTests.clean()
        earlier.year = 2021
        earlier[.requests(.carriedForward, .natural)] = .count(2, line: 40)
        earlier[.requests(.carriedForward, .total)] = .count(2, line: 40)
        earlier[.active(.regulations, "in_force")] = .count(5, line: 5)
        later[.active(.regulations, "issued")] = .count(2, line: 5)
        later[.active(.regulations, "repealed")] = .count(1, line: 5)
        later[.active(.regulations, "in_force")] = .count(6, line: 5)
        return (earlier, later)
    }

    func testConsistentYearsHaveNoFindings() {
        let (earlier, later) = Self.pair()
        XCTAssertEqual(CrossYear.check(earlier: earlier, later: later), [])
    }

    func testCarriedOverMustMatchLastYearsCarriedForward() {
        var (earlier, later) = Self.pair()
        earlier[.requests(.carriedForward, .natural)] = .count(3, line: 40)
        earlier[.requests(.carriedForward, .total)] = .count(3, line: 40)
        let findings = CrossYear.check(earlier: earlier, later: later)
        XCTAssertEqual(findings.map(\.id), [CrossYear.carriedOverID, CrossYear.carriedOverID])
        XCTAssertEqual(findings.map(\.keys), [[.requests(.carriedOver, .natural)], [.requests(.carriedOver, .total)]])
        XCTAssertEqual(findings[0].severity, .error)
        XCTAssertEqual(findings[0].line, later[.requests(.carriedOver, .natural)].line)
        XCTAssertTrue(findings[0].message.hasSuffix("2 ≠ 3"), findings[0].message)
        XCTAssertTrue(findings[0].message.contains("2021's carried_forward"), findings[0].message)
    }

    /// From a PDF, a cross-year finding names the page of the later year's cell as well as its
    /// line (which counts lines on that page).
    func testCrossYearFindingNamesThePageOfItsCell() {
        var (earlier, later) = Self.pair()
        earlier[.requests(.carriedForward, .natural)] = .count(3, line: 40)
        var carriedOver = later[.requests(.carriedOver, .natural)]
        (carriedOver.page, carriedOver.line) = (3, 7)
        later[.requests(.carriedOver, .natural)] = carriedOver
        let finding = CrossYear.check(earlier: earlier, later: later).first { $0.keys == [.requests(.carriedOver, .natural)] }
        XCTAssertEqual(finding?.page, 3)
        XCTAssertEqual(finding?.line, 7)
    }

    func testBlankCarriedOverIsAWarningNotAnError() {
        var (earlier, later) = Self.pair()
        later[.requests(.carriedOver, .natural)] = .blank(line: 11)
        let findings = CrossYear.check(earlier: earlier, later: later).filter { $0.keys == [.requests(.carriedOver, .natural)] }
        XCTAssertEqual(findings.map(\.severity), [.warning])
        earlier[.requests(.carriedForward, .natural)] = .blank(line: 40)
        XCTAssertTrue(CrossYear.check(earlier: earlier, later: later).filter { $0.keys == [.requests(.carriedOver, .natural)] }.isEmpty,
                      "blank on both sides is 0 = 0")
    }

    func testDocumentsInForceCarryOn() {
        var (earlier, later) = Self.pair()
        later[.active(.regulations, "in_force")] = .count(9, line: 5)
        let findings = CrossYear.check(earlier: earlier, later: later)
        XCTAssertEqual(findings.map(\.id), [CrossYear.inForceID])
        XCTAssertTrue(findings[0].message.hasSuffix("7 ≠ 10"), findings[0].message)
        XCTAssertEqual(findings[0].severity, .error)
        earlier[.active(.regulations, "in_force")] = .count(5, line: 5)
        later[.active(.regulations, "in_force")] = .count(6, line: 5)
        XCTAssertEqual(CrossYear.check(earlier: earlier, later: later), [])
    }

    func testOnlyConsecutiveYearsOfOneAgencyArePaired() {
        var (earlier, later) = Self.pair()
        earlier[.requests(.carriedForward, .natural)] = .count(7, line: 40)
        var other = earlier
        other.agency = "another agency"
        var older = earlier
        older.year = 2020
        XCTAssertEqual(CrossYear.findings([later, other]).map(\.count), [0, 0], "different agencies")
        XCTAssertEqual(CrossYear.findings([later, older]).map(\.count), [0, 0], "two years apart")
        let found = CrossYear.findings([later, earlier])
        XCTAssertEqual(found[1], [], "the earlier year has nothing to be checked against")
        XCTAssertEqual(found[0].map(\.id), [CrossYear.carriedOverID], "the later year, whatever the order given")
        XCTAssertEqual(CrossYear.check(earlier: later, later: earlier), [], "not backwards")
    }
}

/// Across templates: a 2020 report of the 2019 template, then 2021's (FORMAT.md §2b).
final class CrossTemplateYearTests: XCTestCase {
    func testCarriedOverIsCheckedAcrossTemplates() throws {
        var earlier = Report(title: "某局2020年政府信息公开工作年度报告", agency: "某局", year: 2020, template: .y2019)
        var later = Report(title: "某局2021年政府信息公开工作年度报告", agency: "某局", year: 2021)
        for column in RequestColumn.allCases {
            earlier[.requests(.carriedForward, column)] = .count(column == .natural || column == .total ? 2 : 0)
            later[.requests(.carriedOver, column)] = .count(0)
        }
        let findings = CrossYear.check(earlier: earlier, later: later)
        XCTAssertEqual(Set(findings.map(\.keys)), [[.requests(.carriedOver, .natural)], [.requests(.carriedOver, .total)]])
        XCTAssertTrue(findings.allSatisfy { $0.id == CrossYear.carriedOverID }, "in_force is no key of the 2019 template: not compared")
    }
}
