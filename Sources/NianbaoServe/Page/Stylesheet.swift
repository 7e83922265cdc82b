/// The one stylesheet, served from the binary (no CDN, no build step). Sized for a
/// 1366×768 office screen: the report's tables and its findings side by side.
enum Stylesheet {
    static let css = """
    * { box-sizing: border-box; }
    body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #222; background: #f3f4f6; }
    header.top { display: flex; align-items: center; gap: 24px; padding: 8px 20px; background: #8b1a1a; color: #fff; }
    header.top .brand { font-size: 18px; font-weight: bold; }
    header.top .brand small { font-size: 12px; font-weight: normal; opacity: .85; margin-left: 6px; }
    header.top nav a { color: #fff; text-decoration: none; padding: 6px 12px; border-radius: 4px; }
    header.top nav a.active, header.top nav a:hover { background: rgba(255,255,255,.2); }
    header.top .local { margin-left: auto; font-size: 12px; opacity: .85; }
    main { padding: 14px 20px; max-width: 1340px; margin: 0 auto; }
    .panel { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 12px 16px; margin-bottom: 14px; }
    h1 { font-size: 20px; margin: 0 0 10px; } h2 { font-size: 16px; margin: 0 0 8px; } h3 { font-size: 15px; margin: 12px 0 6px; }
    .hint { color: #666; font-size: 13px; margin: 4px 0; }
    .warning-banner { background: #fff4d6; border: 1px solid #e0b84c; padding: 8px 12px; border-radius: 4px; }
    .drop { border: 2px dashed #b7b7b7; border-radius: 8px; padding: 22px; text-align: center; background: #fafafa; }
    .drop.over { border-color: #8b1a1a; background: #fdf1f1; }
    .button, button.primary { display: inline-block; background: #8b1a1a; color: #fff; padding: 5px 14px; border-radius: 4px; border: 0; cursor: pointer; font: inherit; text-decoration: none; }
    .button.secondary { background: #fff; color: #8b1a1a; border: 1px solid #8b1a1a; }
    .link-button { background: none; border: 0; color: #8b1a1a; cursor: pointer; font-size: 13px; float: right; }
    .progress { display: flex; align-items: center; gap: 10px; margin-top: 10px; }
    .progress .bar { flex: 1; height: 10px; background: #eee; border-radius: 5px; overflow: hidden; }
    .progress .bar span { display: block; height: 100%; width: 0; background: #8b1a1a; transition: width .2s; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border: 1px solid #d5d5d5; padding: 3px 6px; text-align: left; vertical-align: top; }
    th { background: #f0f0f0; font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    table.uploads th, table.uploads tr:not(.failed) td:nth-child(n+2):nth-child(-n+6) { white-space: nowrap; }
    table.uploads td:first-child { min-width: 220px; word-break: break-all; }
    table.uploads tr.failed td { background: #fff0f0; }
    table.uploads tr.errors td:nth-child(5) { color: #b00020; font-weight: bold; }
    table.uploads tr.warnings td:nth-child(6) { color: #9a6700; font-weight: bold; }
    td.message { color: #8a1c1c; }
    .report { display: grid; grid-template-columns: minmax(0, 1fr) 330px; gap: 14px; align-items: start; }
    .report aside { position: sticky; top: 10px; max-height: calc(100vh - 20px); overflow: auto; }
    table.cells { font-size: 13px; margin-bottom: 10px; }
    table.cells td.label { white-space: normal; }
    table.cells td.cell { text-align: right; cursor: pointer; min-width: 46px; font-variant-numeric: tabular-nums; }
    td.cell.blank { background: #f7f7f7; }
    td.cell.blank::after { content: "空"; color: #bbb; font-size: 11px; }
    td.cell.placeholder { color: #666; background: #f2f6fb; }
    td.cell.unreadable { background: #ffe3e3; color: #b00020; }
    td.cell.solved { background: #e7f5e9; box-shadow: inset 0 0 0 1px #5aa469; }
    td.cell.flagged { outline: 2px solid #d9822b; outline-offset: -2px; }
    td.cell.highlight { outline: 3px solid #1a5fb4; outline-offset: -3px; }
    .legend span { display: inline-block; padding: 0 8px; margin-right: 6px; border: 1px solid #ccc; font-size: 12px; }
    .legend .blank { background: #f7f7f7; } .legend .placeholder { background: #f2f6fb; } .legend .unreadable { background: #ffe3e3; }
    .legend .solved { background: #e7f5e9; } .legend .flagged { outline: 2px solid #d9822b; outline-offset: -2px; }
    .findings li { margin-bottom: 8px; cursor: pointer; list-style: none; padding: 6px 8px; border-radius: 4px; border-left: 4px solid #ccc; background: #fafafa; }
    .findings { padding: 0; margin: 0; }
    .findings li.error { border-left-color: #b00020; } .findings li.warning { border-left-color: #d9822b; }
    .findings li .where { color: #666; font-size: 12px; }
    .cell-info { font-size: 13px; background: #f7f9fc; border: 1px solid #d8e0ea; padding: 8px; border-radius: 4px; min-height: 40px; }
    .downloads a { margin: 0 6px 6px 0; }
    .pages { display: flex; gap: 10px; overflow-x: auto; padding-bottom: 6px; }
    .pages img { border: 1px solid #ccc; height: 360px; min-width: 250px; background: #fff; }
    form.handout .file { color: #888; font-size: 12px; }
    .meta { color: #444; } .meta span { margin-right: 16px; }
    form.handout fieldset { border: 1px solid #ddd; border-radius: 4px; margin: 0 0 10px; }
    form.handout .units { columns: 3; }
    form.handout label { display: block; }
    form.handout .inline label { display: inline-block; margin-right: 14px; }
    .message { color: #8a1c1c; }
    """
}
