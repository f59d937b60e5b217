// A phone app verifies the receipt of an order event offline (the README's Swift usage).
import SetChainCore

func verifyOrderReceipt(bundleJson: String, sequencerKey: String) -> Bool {
    do {
        let verdict = try verifyReceiptWithTrust(bundleJson: bundleJson, trust: Trust(sequencerPublicKeys: [sequencerKey]))
        for check in verdict.checks where check.status == .fail {
            print("\(check.name) failed: \(check.reason ?? "")")
        }
        return verdict.valid
    } catch SetError.Receipt(let code, let field, let errorMessage) {
        print("malformed receipt (\(code) at \(field ?? "-")): \(errorMessage)")   // e.g. INVALID_HEX at receipt.receipt_hash
        return false
    } catch {
        print("unexpected: \(error)")
        return false
    }
}
