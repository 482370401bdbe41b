import DigitalPost
import Foundation
import Testing

@Suite("Reading NgDP receipts")
struct ReceiptDecodingTests {
    static func receipt(timeStamp: String, status: String = "COMPLETED") -> Data {
        Data(
            (#"{"transmissionId":"0f8fad5b-d9cb-469f-a165-70867728950e","messageUUID":"3F2504E0-4F89-41D3-9A0C-0305E82C3301","#
                + #""timeStamp":"\#(timeStamp)","receiptStatus":"\#(status)","futureField":{"a":1}}"#).utf8
        )
    }

    @Test(
        "Time stamps are read with or without fractions, with Z, an offset, or no zone (UTC)",
        arguments: [
            ("2024-05-01T10:15:30Z", 1_714_558_530.0),
            ("2024-05-01T10:15:30.123Z", 1_714_558_530.123),
            ("2024-05-01T10:15:30.123456789Z", 1_714_558_530.123_456_789),
            ("2024-05-01T12:15:30.5+02:00", 1_714_558_530.5),
            ("2024-05-01T08:15:30-0200", 1_714_558_530.0),
            ("2024-05-01T10:15:30+00:00", 1_714_558_530.0),
            ("2024-05-01T10:15:30", 1_714_558_530.0),
            ("1969-12-31T23:59:59Z", -1.0),
            ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ]
    )
    func timeStamps(text: String, seconds: Double) throws {
        let receipt = try JSONDecoder().decode(NgDPReceipt.self, from: Self.receipt(timeStamp: text))

        #expect(abs(receipt.timeStamp.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test(
        "Text that is not an ISO 8601 date-time is refused",
        arguments: [
            "2023-02-29T00:00:00Z", "2024-05-01 10:15", "2024-05-01T24:00:00Z", "2024-05-01T10:15:30.Z",
            "2024-05-01T10:15:30+2", "yesterday", "",
        ]
    )
    func badTimeStamps(text: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(NgDPReceipt.self, from: Self.receipt(timeStamp: text))
        }
    }

    @Test(
        "Receipt statuses are read, and a new one is kept as text",
        arguments: [
            ("RECEIVED", NgDPReceiptStatus.received), ("COMPLETED", .completed), ("INVALID", .invalid),
            ("NOT_ALLOWED", .notAllowed), ("PARKED", .unknown("PARKED")),
        ]
    )
    func statuses(text: String, expected: NgDPReceiptStatus) throws {
        let receipt = try JSONDecoder().decode(
            NgDPReceipt.self,
            from: Self.receipt(timeStamp: "2024-05-01T10:15:30Z", status: text)
        )

        #expect(receipt.receiptStatus == expected)
        #expect(receipt.receiptStatus.rawValue == text)
    }

    @Test("Missing optional fields, nulls and unknown keys are accepted")
    func optionalFields() throws {
        let receipt = try JSONDecoder().decode(NgDPReceipt.self, from: Self.receipt(timeStamp: "2024-05-01T10:15:30Z"))

        #expect(receipt.messageId == nil)
        #expect(receipt.errorCode == nil)
        #expect(receipt.errorMessage == nil)
        #expect(receipt.transmissionId == UUID(uuidString: "0F8FAD5B-D9CB-469F-A165-70867728950E"))
    }

    @Test("A receipt survives encoding and decoding, written with milliseconds and Z")
    func roundTrip() throws {
        let receipt = NgDPReceipt(
            transmissionId: UUID(),
            messageUUID: UUID(),
            messageId: "L-1",
            errorCode: "E1",
            errorMessage: "refused",
            timeStamp: Date(timeIntervalSince1970: 1_714_558_530.5),
            receiptStatus: .notAllowed
        )

        let data = try JSONEncoder().encode(receipt)

        #expect(try JSONDecoder().decode(NgDPReceipt.self, from: data) == receipt)
        #expect(String(decoding: data, as: UTF8.self).contains(#""timeStamp":"2024-05-01T10:15:30.500Z""#))
    }
}
