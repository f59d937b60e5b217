// Not run on this project's machines (no Swift on Linux here): `swift test` on macOS after
// ../../scripts/build-xcframework.sh. Checks every receipt vector, as the Kotlin tests do.
import Foundation
import XCTest
@testable import SetChainCore

final class ReceiptTests: XCTestCase {
    private func vectors() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().appendingPathComponent("../../../../tests/vectors/receipts.json")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    private func text(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    func testEveryValidAndTamperedVectorGivesTheExpectedVerdict() throws {
        let all = try vectors()
        for group in ["valid", "tampered"] {
            for case let vector as [String: Any] in all[group] as! [Any] {
                let expected = (vector["expected"] as! [String: Any])["verdict"] as! [String: Any]
                let verdict = try verifyReceipt(bundleJson: text(vector["bundle"]!), trustJson: text(vector["trust"]!))
                XCTAssertEqual(verdict.valid, expected["valid"] as? Bool, vector["name"] as! String)
                XCTAssertEqual(verdict.level, expected["level"] as? String, vector["name"] as! String)
                let checks = Dictionary(uniqueKeysWithValues: verdict.checks.map { outcome -> (String, String) in
                    switch outcome.status {
                    case .pass: return (outcome.name, "pass")
                    case .fail: return (outcome.name, "fail")
                    case .skipped: return (outcome.name, "skipped")
                    }
                })
                XCTAssertEqual(checks, expected["checks"] as? [String: String], vector["name"] as! String)
            }
        }
    }

    func testMalformedVectorsThrowReceiptErrorsWithTheirCodeAndField() throws {
        for case let vector as [String: Any] in try vectors()["malformed"] as! [Any] {
            let expected = vector["expected"] as! [String: Any]
            XCTAssertThrowsError(try verifyReceipt(bundleJson: text(vector["bundle"]!), trustJson: text(vector["trust"]!))) {
                guard case let SetError.Receipt(code, field, _) = $0 else { return XCTFail("not SetError.Receipt: \($0)") }
                XCTAssertEqual(code, expected["error_code"] as? String)
                XCTAssertEqual(field, expected["error_field"] as? String)
            }
        }
    }

    func testBulkGivesOneVerdictPerBundleAndCarriesUnreadableBundlesErrors() throws {
        let all = try vectors()
        let valid = (all["valid"] as! [Any])[0] as! [String: Any]
        let verdicts = try verifyReceipts(bundlesJson: [text(valid["bundle"]!), "{"], trustJson: text(valid["trust"]!))
        XCTAssertEqual(verdicts.count, 2)
        XCTAssertTrue(verdicts[0].valid)
        XCTAssertNil(verdicts[0].error)
        XCTAssertFalse(verdicts[1].valid)
        XCTAssertEqual(verdicts[1].level, "none")
        guard case let SetError.Receipt(code, field, _)? = verdicts[1].error else { return XCTFail("no Receipt error") }
        XCTAssertEqual(code, "INVALID_JSON")
        XCTAssertEqual(field, "$")
    }

    func testUnknownSchemeIsAMerkleError() {
        let root = "0x" + String(repeating: "01", count: 32)
        XCTAssertThrowsError(try verifyProof(scheme: "sha3", root: root, leaf: root, index: 0, leafCount: 1, proof: [])) {
            guard case let SetError.Merkle(code, _, _) = $0 else { return XCTFail("not SetError.Merkle: \($0)") }
            XCTAssertEqual(code, "UNKNOWN_SCHEME")
        }
    }
}
