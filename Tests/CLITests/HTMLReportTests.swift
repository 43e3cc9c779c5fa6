import Foundation
import Testing
import TestSupport
import Allocation
import ScenarioIO
@testable import Reports

/// A real headless Chromium (Debian's `chromium`, which scripts/test-venv.sh installs) loads a
/// page: its rendered DOM, the console messages it logged, and a screenshot of an A4-sized window.
enum HeadlessChromium {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "chromium is not installed: the HTML report tests need a headless Chromium (scripts/test-venv.sh installs Debian's `chromium`; CI runs it before the tests)"
        }
    }

    struct Page {
        /// The DOM after rendering (`--dump-dom`).
        var dom: String
        /// Every console message the page logged (lines with `:CONSOLE` in Chromium's log).
        var console: [String]
        /// The screenshot's path.
        var screenshot: String

        /// How many elements open with `<tag class="name` (the charts' bars and points).
        func count(_ tag: String, class name: String) -> Int {
            dom.components(separatedBy: "<\(tag) class=\"\(name)").count - 1
        }
    }

    /// Where the screenshots (and the pages beside them) are kept after a run, for a person to look at.
    static let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-alloc-html-screenshots").path

    /// Writes `html` to `<screenshots>/<name>.html` and loads it in Chromium with the network
    /// mapped to nowhere and a profile of its own (tests run in parallel).
    static func load(_ html: String, name: String) throws -> Page {
        guard let chromium = ["chromium", "chromium-browser"].lazy.compactMap(Repository.which).first else { throw Missing() }
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        let file = "\(screenshots)/\(name).html", png = "\(screenshots)/\(name).png"
        try html.write(toFile: file, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: png)
        let profile = Repository.temporaryFolder("ntm-alloc-chromium")
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let result = try Repository.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(profile)", "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars",
            "--window-size=1240,1754", "--screenshot=\(png)", "--dump-dom", URL(fileURLWithPath: file).absoluteString,
        ])
        #expect(result.status == 0, "chromium exited with \(result.status): \(result.stderr.suffix(2000))")
        let console = result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Page(dom: result.stdout, console: console, screenshot: png)
    }

    /// Prints the page `load` wrote as `name` to PDF, as a reader's Print button would, and
    /// returns each page's size in points (from the PDF's `/MediaBox` entries).
    static func printedPageSizes(name: String) throws -> [(width: Double, height: Double)] {
        guard let chromium = ["chromium", "chromium-browser"].lazy.compactMap(Repository.which).first else { throw Missing() }
        let file = "\(screenshots)/\(name).html", pdf = "\(screenshots)/\(name).pdf"
        try? FileManager.default.removeItem(atPath: pdf)
        let profile = Repository.temporaryFolder("ntm-alloc-chromium")
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let result = try Repository.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", URL(fileURLWithPath: file).absoluteString,
        ])
        #expect(result.status == 0, "chromium --print-to-pdf exited with \(result.status)")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
        let boxes = try Regex(#"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]"#)
        return text.matches(of: boxes).compactMap { match in
            guard let w = Double(String(match.output[1].substring ?? "")), let h = Double(String(match.output[2].substring ?? "")) else { return nil }
            return (w, h)
        }
    }

    /// A PNG's width and height from its IHDR chunk, nil when the file is not a PNG.
    static func pngSize(_ path: String) -> (width: Int, height: Int)? {
        guard let data = FileManager.default.contents(atPath: path), data.count > 24,
              data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        func int(_ at: Int) -> Int { data[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    /// The screenshot exists, is 1240×1754 (A4 at 150 dpi) and is not blank (a white page
    /// compresses to a few kilobytes).
    static func expectScreenshot(_ page: Page) {
        let size = pngSize(page.screenshot)
        #expect(size?.width == 1240 && size?.height == 1754, "screenshot \(page.screenshot): \(String(describing: size))")
        let bytes = (try? FileManager.default.attributesOfItem(atPath: page.screenshot)[.size] as? Int) ?? 0
        #expect(bytes > 20_000, "screenshot \(page.screenshot) is \(bytes) bytes: blank?")
    }
}

/// report.html, compare.html and sweep.html in a real browser, on plans whose figures are
/// derived by hand (scenarios/examples/tiny/README.md and the multi-year case below). One
/// browser at a time: Chromium is several processes, and the suites that time the solver's
/// budgets run beside these.
@Suite(.serialized) struct HTMLReportTests {
    /// The tiny example with its second commune moved into a district of its own, the first made
    /// a target commune, and w1, w2, w4, w5 required. None of this changes the optimum (no
    /// district eligibility; T01 is a priority commune already; weight `target` and the standard
    /// bonus are 0): central 610 to T01 (w1 400, w2 210) and 390 to T02 (w3 350, w4 40); credit
    /// 100 and people 60 to T02. So the chart has 1 + 3 bars; required works w2 (35 %), w4
    /// (25 %) and w5 (0 %) are unfunded: 3 of 4; T01 misses the standard (w2).
    static func tinyPlan(centralBudget: Double = 1000) throws -> AllocationPlan {
        var scenario = try ScenarioLoader.load(Repository.tinyScenario)
        scenario.communes[1].district = "Huyện Bình Minh"
        scenario.communes[0].status = .target
        for i in scenario.works.indices { scenario.works[i].required = scenario.works[i].id != "w3" }
        scenario.sources[0].scope = .pooled(budget: centralBudget)
        return try AllocationModel(scenario: scenario).solve(path: .monolithic)
    }

    /// Two years, two communes in two districts. Central: 100 a year, no carry-over. Commune A's
    /// works a1 (100) and a2 (60) are worth 0.5 per million; B's required work b1 (100), worth
    /// 1 per million, may only start in 2027; B's people give 20. 2026: central 100 to A (the only
    /// works that can start). 2027: b1 first — people 20 + central 80 — then central 20 to A.
    /// Bars: districts D1 {central}, D2 {central, people}; years 2026 {central}, 2027 {central,
    /// people}: 6. Target communes reaching the standard by year: 0, then 1 (two points).
    static func multiYearPlan() throws -> AllocationPlan {
        var central = FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 200))
        central.budgetByPeriod = [100, 100]
        let people = FundingSource(id: "people", name: "Nhân dân đóng góp", kind: .people, scope: .local(capacityColumn: "cash", unitValue: 1))
        var b1 = Work(id: "b1", commune: "B", category: "transport", cost: 100, required: true)
        b1.startFrom = 1
        let works = [Work(id: "a1", commune: "A", category: "school", cost: 100, benefit: 50), b1,
                     Work(id: "a2", commune: "A", category: "culture", cost: 60, benefit: 30)]
        var scenario = Scenario(name: "hai năm", communes: [
            Commune(code: "A", name: "Xã A", district: "D1"),
            Commune(code: "B", name: "Xã B", district: "D2", status: .target, numericColumns: ["cash": 20]),
        ], works: works, sources: [central, people])
        scenario.periods = ["2026", "2027"]
        return try AllocationModel(scenario: scenario).solve(path: .monolithic)
    }

    @Test func reportLoadsWithoutErrorsAndDrawsABarPerDistrictAndSource() throws {
        let plan = try Self.tinyPlan()
        let page = try HeadlessChromium.load(HTMLReport.render(plan, language: .vi), name: "report")
        #expect(page.console.isEmpty, "\(page.console)")
        #expect(page.count("rect", class: "bar") == 4)
        #expect(page.count("circle", class: "point") == 0)
        // The figures as a Vietnamese reader writes them, derived by hand.
        #expect(page.dom.contains("61,0%"), "pooled state money to priority communes: 610 of 1,000")
        #expect(page.dom.contains("3 trong 4 công trình bắt buộc chưa được bố trí đủ vốn"))
        #expect(page.dom.contains("Bảng dưới liệt kê đủ cả 3 công trình."))
        #expect(page.dom.contains("0 trong 1 xã phấn đấu đạt chuẩn có đủ vốn"))
        #expect(page.dom.contains("Chưa đủ vốn") && page.dom.contains("1 / 2"), "T01: w1 funded, w2 not")
        // Central's price is 1 per million, but only while w2 (390 left) absorbs it: at most 1,000 per billion.
        #expect(page.dom.contains("làm giá trị mục tiêu tăng nhiều nhất 1.000,0"), "\(page.dom)")
        #expect(page.dom.contains("chỉ đúng cho 0,39 tỷ đồng đầu tiên thêm vào"))
        HeadlessChromium.expectScreenshot(page)
        // Printed, every page is A4 (210 × 297 mm = 595 × 842 points; Chromium's default is Letter, 612 × 792).
        let pages = try HeadlessChromium.printedPageSizes(name: "report")
        #expect(!pages.isEmpty)
        for page in pages { #expect(abs(page.width - 595) < 2 && abs(page.height - 842) < 2, "\(page)") }
    }

    @Test func multiYearReportHasTheSourceByYearChartAndThePointsByYear() throws {
        let plan = try Self.multiYearPlan()
        #expect(plan.targetCommunesReachingStandardByPeriod == [0, 1])
        let page = try HeadlessChromium.load(HTMLReport.render(plan, language: .vi), name: "report-multi-year")
        #expect(page.console.isEmpty, "\(page.console)")
        #expect(page.count("rect", class: "bar") == 6)
        #expect(page.count("circle", class: "point") == 2)
        #expect(page.dom.contains("Vốn đã dùng theo nguồn và năm"))
        // B's required work b1 is completed in 2027 (it may not start before).
        #expect(page.dom.contains("<th>Đạt chuẩn vào năm</th>") && page.dom.contains("<td>2027</td>"))
        // Each year's extra million of central money goes to A's works, worth 0.5: 500 per billion.
        #expect(page.dom.contains("Thêm 1 tỷ đồng NSTW trong một năm làm giá trị mục tiêu tăng khoảng — 2026: 500,0; 2027: 500,0"))
        HeadlessChromium.expectScreenshot(page)
    }

    /// The budget 1,500 variant: w2 takes 390 more central money (funded in full); central, no
    /// longer scarce, takes w3's state share up to 400 and replaces 50 of credit (which costs 0.1);
    /// w4 and w5 need T02's people money, all used already. So central 1,440, credit 50, people
    /// 60: both variants use every source, 3 + 3 bars.
    @Test func comparePageLoadsWithTheTableAndABarPerVariantAndSource() throws {
        let plans = [try Self.tinyPlan(), try Self.tinyPlan(centralBudget: 1500)]
        #expect(abs(plans[1].sources[0].used - 1440) < 1e-6 && abs(plans[1].sources[1].used - 50) < 1e-6)
        let page = try HeadlessChromium.load(ComparisonPage.render(names: ["goc", "them"], plans: plans, language: .vi), name: "compare")
        #expect(page.console.isEmpty, "\(page.console)")
        #expect(page.count("rect", class: "bar") == 6)
        #expect(page.dom.contains("Tỷ lệ đáp ứng") && page.dom.contains("58,0%") && page.dom.contains("77,5%"), "funded 1,160 and 1,550 of 2,000")
        // T01 reaches the standard only with the larger budget (w2 funded in full).
        #expect(page.dom.contains("Xã đạt chuẩn ở phương án này mà không ở phương án kia"))
        HeadlessChromium.expectScreenshot(page)
    }

    /// Three budgets of central money, all solved: three points on the curve.
    @Test func sweepPageLoadsWithTheCurveAndTheTable() throws {
        let points = try [500.0, 1000, 1500].map { budget in
            let plan = try Self.tinyPlan(centralBudget: budget)
            return SweepPoint(level: budget / 1000, value: budget, plan: plan, shadowPrice: plan.sources[0].shadowPrice)
        }
        let page = try HeadlessChromium.load(SweepPage.render(points, title: "Giá trị mục tiêu theo ngân sách central",
                                                              label: "ngân sách central (triệu đồng)", language: .vi), name: "sweep")
        #expect(page.console.isEmpty, "\(page.console)")
        #expect(page.count("circle", class: "point") == 3)
        #expect(page.dom.contains("1.810,0"), "the objective at the scenario's budget")
        HeadlessChromium.expectScreenshot(page)
    }

    /// The console check can fail: a page that tries the network is refused by its own
    /// Content-Security-Policy, and Chromium logs it.
    @Test func aPageThatReachesOutLogsAConsoleError() throws {
        let html = HTML.page(title: "x", language: .en, body: "<img src=\"https://example.com/x.png\" alt=\"\">")
        let page = try HeadlessChromium.load(html, name: "negative-control")
        #expect(!page.console.isEmpty)
    }

    /// Self-contained and printable: no script, no link, no address but the SVG namespace; A4.
    @Test func pagesAreSelfContainedAndPrintOnA4() throws {
        let plan = try Self.tinyPlan()
        for language in ReportLanguage.allCases {
            let pages = [HTMLReport.render(plan, language: language), HTMLReport.render(try Self.multiYearPlan(), language: language),
                         ComparisonPage.render(names: ["a", "b"], plans: [plan, plan], language: language)]
            for html in pages {
                #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("url("))
                #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "https?://", options: .regularExpression) == nil)
                #expect(html.contains("@page { size: A4 portrait;"))
                #expect(html.contains("<html lang=\"\(language.rawValue)\">"))
            }
        }
        let english = HTMLReport.render(plan, language: .en)
        #expect(english.contains("1 billion VND more of NSTW – CTMTQG xây dựng nông thôn mới adds at most 1,000.0 to the objective"))
        #expect(english.contains("3 of 4 required works are not fully funded"))
        #expect(!english.contains("Thêm 1 tỷ"))
    }

    /// The Markdown sections the workflows add become HTML: heading, note, aligned table, list,
    /// paragraph, inline code and bold; markup inside them is escaped.
    @Test func addedMarkdownSectionsBecomeHTML() {
        let markdown = "## Against the status quo\n\n> Note: `rules.x` <b>\n> goes on\n\n| | Status quo | Optimum |\n|---|---:|---:|\n| Value | 805 | **1,810** |\n\n- `a` one\n- two\n\nPlain & simple\ntext.\n"
        #expect(MarkdownBlocks.html(markdown) == """
        <h2>Against the status quo</h2>
        <p class="note">Note: <code>rules.x</code> &lt;b&gt; goes on</p>
        <table>
        <thead><tr><th></th><th class="num">Status quo</th><th class="num">Optimum</th></tr></thead>
        <tbody>
        <tr><td>Value</td><td class="num">805</td><td class="num"><strong>1,810</strong></td></tr>
        </tbody>
        </table>
        <ul>
        <li><code>a</code> one</li>
        <li>two</li>
        </ul>
        <p>Plain &amp; simple text.</p>

        """)
    }

    /// MultiYearOutputTests' carry-over case: 60 of 2026's 100 are carried into 2027 and its price
    /// is 1 there, so the page warns that a year's price understates an extra million.
    @Test func carryOverIsExplainedBesideThePrices() throws {
        let html = HTMLReport.render(try MultiYearOutputTests.plan(), language: .en)
        #expect(html.contains("1 billion VND more of NSTW in one year adds about — 2026: 0.0; 2027: 1,000.0 — to the objective"))
        #expect(html.contains("In a year where the carry-over cap binds, an extra million is worth more"))
        #expect(!HTMLReport.render(try Self.multiYearPlan(), language: .en).contains("carry-over cap binds"), "nothing is carried over there")
    }

    /// Data is escaped: a commune named like markup stays text.
    @Test func namesAreEscaped() throws {
        var plan = try Self.tinyPlan()
        plan.scenario.communes[0].name = "Xã <b>Tân</b> & \"An\""
        let html = HTMLReport.render(plan, language: .vi)
        #expect(html.contains("Xã &lt;b&gt;Tân&lt;/b&gt; &amp; &quot;An&quot;"))
        #expect(!html.contains("<b>Tân</b>"))
    }

    /// `--format html` is accepted by solve, compare and sweep, and writes their page only.
    @Test func theCommandsWriteTheirPage() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let solve = try CLITests.run(["solve", Repository.tinyScenario, "--out", out + "/solve", "--format", "html"])
        #expect(solve.status == 0, "\(solve.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/solve") == ["report.html"])
        // The status-quo comparison report.md adds is there too, as HTML (README: 805 against 1,810).
        let report = try String(contentsOfFile: out + "/solve/report.html", encoding: .utf8)
        #expect(report.contains("<h2>So với cách phân bổ hiện hành"))
        #expect(report.contains("<td class=\"num\">805,0</td><td class=\"num\">1.810,0</td>"), "\(report)")
        let compare = try CLITests.run(["compare", Repository.tinyScenario, "--variant", "rich:sources.central.budget=1500",
                                        "--out", out + "/compare", "--format", "html"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/compare") == ["compare.html"])
        let sweep = try CLITests.run(["sweep", Repository.tinyScenario, "--source", "central", "--from", "0.5", "--to", "1",
                                      "--steps", "2", "--out", out + "/sweep", "--format", "html"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/sweep") == ["sweep.html"])
    }
}
