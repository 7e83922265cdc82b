import NianbaoDocument

/// Why a file was not read, in the page's language: a short Chinese reason told by the
/// error's case (never by its text), then the library's own message, which names the detail
/// (and the command that converts the file) for whoever needs it.
enum FailureText {
    static func chinese(_ error: IngestError) -> String {
        let reason: String
        switch error {
        case .empty: reason = "文件是空的"
        case .blank: reason = "文件只有空白（空格、换行）"
        case .utf16WithoutBOM: reason = "文本像是不带字节序标记的 UTF-16，请另存为 UTF-8"
        case .big5: reason = "文本像是繁体 Big5 编码，请先转为 UTF-8"
        case .binary: reason = "文件是二进制数据，不是文本"
        case .undecodable: reason = "文本不是 UTF-8、UTF-16 或 GB18030/GBK 编码，请先转为 UTF-8"
        case .truncated: reason = "文件在一个字符中间截断，不完整"
        case .notAReport: reason = "不是政府信息公开工作年度报告（未找到年度报告标题和“一、总体情况”等章节）"
        case .scannedPDF(let pages): reason = "PDF 共 \(pages) 页，但没有文字层，是扫描件；不从图像猜测数字，请先做文字识别（OCR）并核对数字"
        case .damaged(let format, _): reason = "\(format) 文件已损坏，无法打开"
        case .unsupported(let format, _): reason = "不读取 \(format) 文件，请先转换"
        case .tooLarge(_, let limit): reason = "文件超过单份报告 \(limit >> 20) MiB 的上限"
        }
        return "\(reason)。（\(error.description)）"
    }
}
