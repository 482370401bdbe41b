import Foundation
import Letters

/// Letters used by the rendering tests.
enum TestLetters {
    static let sender = LetterSender(
        name: "Boligselskabet Almen",
        addressLines: ["Åboulevarden 12", "8000 Aarhus C"],
        contactLines: ["Tlf. 86 12 34 56", "post@almen.dk", "CVR 12 34 56 78"]
    )

    /// A 4 x 2 pixel red PNG.
    static let tinyPNG = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAYAAAB/qH1jAAAAEklEQVR42mM4ISf3HxkzoAsAAA81EBlh2tUIAAAAAElFTkSuQmCC"
    )!

    static let arabicWords = ["مرحبا", "بكم", "في", "السكن", "الجديد"]

    static func letter(
        recipient: String = "Søren Østergaard Æbelø",
        language: LetterLanguage = .danish,
        body: [LetterBlock] = [
            .paragraph([.text("Vi skriver til dig om din bolig på Ærøvej. Så kære beboer: tak for nu.")])
        ]
    ) -> LetterDocument {
        LetterDocument(
            language: language,
            sender: sender,
            recipient: PostalAddress(name: recipient, lines: ["Grønnegade 8, 2. th.", "8000 Aarhus C"]),
            dateText: "23. november 2026",
            reference: "Sag 2026-00123",
            subject: "Påkrav om betaling af husleje",
            body: body,
            author: "Boligselskabet Almen"
        )
    }

    /// A letter whose body fills the given number of pages (`paragraphs` tuned for 1-3 pages).
    static func letter(paragraphs: Int) -> LetterDocument {
        letter(
            body: (1...paragraphs).map { index in
                .paragraph([
                    .bold("Afsnit \(index). "),
                    .text(String(repeating: "Teksten fylder tre linjer med æbler, øl og ål. ", count: 5)),
                ])
            }
        )
    }
}
