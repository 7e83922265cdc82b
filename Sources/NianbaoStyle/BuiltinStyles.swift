/// The styles of `styles/` compiled into the binary, so that a copied or installed `nianbao`
/// finds them without the checkout. `styles/*.yaml` stay the files users read and copy; a test
/// (StyleLoaderTests.testBuiltInStylesAreTheFilesInStyles) keeps these texts equal to them.
enum BuiltinStyles {
    static let yaml: [String: String] = [
        "official": #"""
# official — how agencies print their annual reports, after GB/T 9704-2012 (党政机关公文格式).
# Lengths of the page in millimetres, type sizes in points. Each role names its preferred
# font families first (the licensed faces offices own), then free ones: Nianbao Serif/Sans SC
# are Debian's Noto CJK faces prepared by `make fonts` for fast, small PDFs; the full Noto
# faces after them supply any character the prepared ones lack. （一） headings are in 楷体: AR PL
# KaitiM GB (Debian fonts-arphic-gkai00mp, installed by `make`) when no licensed 楷体 is there.
# For 仿宋, offices install their licensed 仿宋_GB2312 into fonts/ (or --fonts-dir); Debian has
# no free 仿宋, so the body falls back to a 宋体 (Noto Serif CJK).
name: official
page:
  width: 210
  height: 297
  top: 37              # top margin
  left: 28             # binding (left) margin
  type_width: 156
  type_height: 225
  lines_per_page: 22   # body lines per page: sets the line pitch
  chars_per_line: 28   # body characters per line: sets the letter spacing
  page_number_gap: 7   # page number this far below the type area
roles:
  title:
    families: [方正小标宋简体, 方正小标宋_GBK, FZXiaoBiaoSong-B05S, 小标宋, Nianbao Serif SC, Noto Serif CJK SC]
    size: 22
    weight: bold
  body:
    families: [仿宋_GB2312, 仿宋, FangSong, FangSong_GB2312, Nianbao Serif SC, Noto Serif CJK SC]
    size: 16
  heading1:
    families: [黑体, SimHei, Nianbao Sans SC, Noto Sans CJK SC]
    size: 16
  heading2:
    families: [楷体_GB2312, 楷体, KaiTi, KaiTi_GB2312, LXGW WenKai, AR PL KaitiM GB, AR PL UKai CN, Nianbao Serif SC, Noto Serif CJK SC]
    size: 16
  table:
    families: [宋体, SimSun, Nianbao Serif SC, Noto Serif CJK SC]
    size: 10.5         # 五号
  table_heading:
    families: [黑体, SimHei, Nianbao Sans SC, Noto Sans CJK SC]
    size: 10.5
  page_number:
    families: [宋体, SimSun, Nianbao Serif SC, Noto Serif CJK SC]
    size: 14           # 4号
table:
  rule: 0.75           # ruling width, points
  padding: 2.5         # inside each cell, points
  line_height: 1.45    # table text line pitch, times the table size

"""#,
        "compact": #"""
# compact — smaller type and tables on fewer pages, for reading on a screen.
name: compact
page:
  width: 210
  height: 297
  top: 20
  left: 20
  type_width: 170
  type_height: 255
  lines_per_page: 36
  chars_per_line: 38
  page_number_gap: 6
roles:
  title:
    families: [Nianbao Serif SC, Noto Serif CJK SC]
    size: 18
    weight: bold
  body:
    families: [Nianbao Serif SC, Noto Serif CJK SC]
    size: 12
  heading1:
    families: [Nianbao Sans SC, Noto Sans CJK SC]
    size: 12.5
    weight: bold
  heading2:
    families: [LXGW WenKai, AR PL KaitiM GB, AR PL UKai CN, Nianbao Serif SC, Noto Serif CJK SC]
    size: 12
  table:
    families: [Nianbao Sans SC, Noto Sans CJK SC]
    size: 8.5
  table_heading:
    families: [Nianbao Sans SC, Noto Sans CJK SC]
    size: 8.5
    weight: bold
  page_number:
    families: [Nianbao Serif SC, Noto Serif CJK SC]
    size: 10
table:
  rule: 0.5
  padding: 1.8
  line_height: 1.3

"""#,
    ]
}
