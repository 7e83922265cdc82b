import Foundation

/// The test tools from PyPI (easyofd, pandas) that `make test-tools` installs in virtual
/// environments under .build.
public enum TestTools {
    /// Set by `make test` (NIANBAO_REQUIRE_TEST_TOOLS=1): a missing tool is then a failure, not
    /// a skipped check, so that CI never passes without reading its outputs back.
    public static var required: Bool { ProcessInfo.processInfo.environment["NIANBAO_REQUIRE_TEST_TOOLS"] == "1" }
}
