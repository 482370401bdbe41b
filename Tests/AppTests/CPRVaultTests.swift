import AlmenDomain
import Crypto
import Foundation
import Testing

@testable import App

@Suite("CPR vault")
struct CPRVaultTests {
    let cpr = CPRNumber.replacement(birthDate: LocalDate(year: 1980, month: 5, day: 17)!, sequence: 42)

    @Test func sealedNumbersOpenAgainAndNeverRepeatTheirCiphertext() throws {
        let vault = CPRVault(keys: .demo)

        let first = try vault.seal(cpr)
        let second = try vault.seal(cpr)

        #expect(first != second)
        #expect(try vault.open(first) == cpr)
        #expect(try vault.open(second) == cpr)
    }

    @Test func theLookupHashIsStableAndDependsOnTheKey() throws {
        let other = CPRVault(
            keys: try CPRKeys(
                encryptionKeyBase64: Data(repeating: 1, count: 32).base64EncodedString(),
                hashKeyBase64: Data(repeating: 2, count: 32).base64EncodedString()
            )
        )
        let vault = CPRVault(keys: .demo)

        #expect(vault.lookupHash(cpr) == vault.lookupHash(cpr))
        #expect(vault.lookupHash(cpr) != other.lookupHash(cpr))
        #expect(vault.lookupHash(cpr).count == 64)
        #expect(!vault.lookupHash(cpr).contains(cpr.digits))
    }

    @Test func aCiphertextFromAnotherKeyOrTamperedIsRefused() throws {
        let vault = CPRVault(keys: .demo)
        let other = CPRVault(
            keys: try CPRKeys(
                encryptionKeyBase64: Data(repeating: 1, count: 32).base64EncodedString(),
                hashKeyBase64: Data(repeating: 2, count: 32).base64EncodedString()
            )
        )
        var tampered = try vault.seal(cpr)
        tampered[tampered.count - 1] ^= 0xFF

        #expect(throws: (any Error).self) { try other.open(try vault.seal(cpr)) }
        #expect(throws: (any Error).self) { try vault.open(tampered) }
        #expect(throws: CPRVaultError.unknownFormat) { try vault.open(Data([9, 1, 2])) }
    }

    @Test func keysMustBe32BytesOfBase64() {
        #expect(
            throws: ConfigurationError.invalid(variable: "ALMEN_CPR_ENCRYPTION_KEY", expected: "32 bytes in base64")
        ) {
            try CPRKeys(encryptionKeyBase64: "c2hvcnQ=", hashKeyBase64: Data(count: 32).base64EncodedString())
        }
    }
}
