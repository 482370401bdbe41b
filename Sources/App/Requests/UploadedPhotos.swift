import Fluent
import Foundation
import Vapor

/// Photos a resident sends with a request (a fault report, a neighbour complaint): at most
/// `limit`, each at most 10 MB, JPEG or PNG by content, location data removed.
enum UploadedPhotos {
    /// The cleaned photos (data and content type), or the key of the form's message.
    static func check(_ files: [File]?, limit: Int) -> Result<[(Data, String)], Problem> {
        // A browser sends an empty part for a file field left empty.
        let files = (files ?? []).filter { $0.data.readableBytes > 0 }
        if files.count > limit { return .failure(.tooMany) }
        if files.contains(where: { $0.data.readableBytes > AttachmentType.maxBytes }) { return .failure(.tooLarge) }
        var photos: [(Data, String)] = []
        for file in files {
            guard let clean = ImageMetadata.cleanPhoto(Data(buffer: file.data)) else { return .failure(.notAnImage) }
            photos.append(clean)
        }
        return .success(photos)
    }

    /// What is wrong with the photos; the message keys are shared by the forms.
    enum Problem: String, Error {
        case tooMany = "faultErrorPhotoCount"
        case tooLarge = "faultErrorPhotoSize"
        case notAnImage = "faultErrorPhotoType"
    }

    /// Stores the files (photos, then recordings) as the case's attachments, numbered from 1.
    static func store(
        _ photos: [(Data, String)],
        caseID: UUID,
        dependencies: AppDependencies,
        on db: any Database
    ) async throws {
        for (position, photo) in photos.enumerated() {
            try await CaseAttachment(
                id: dependencies.uuid(),
                caseID: caseID,
                contentType: photo.1,
                data: photo.0,
                position: position + 1,
                now: dependencies.now()
            ).create(on: db)
        }
    }
}

/// Sound recordings with a neighbour complaint (noise is often best heard): at most a few, each at
/// most 10 MB, each checked by its content to be audio in a format a phone records (MP3, AAC or
/// M4A, WAV, Ogg, AMR). Nothing else is stored, whatever its name says.
enum UploadedRecordings {
    static let limit = 3

    enum Problem: String, Error {
        case tooMany = "complaintErrorRecordingCount"
        case tooLarge = "complaintErrorRecordingSize"
        case notAudio = "complaintErrorRecordingType"
    }

    /// The recordings (data and content type), or the key of the form's message.
    static func check(_ files: [File]?) -> Result<[(Data, String)], Problem> {
        let files = (files ?? []).filter { $0.data.readableBytes > 0 }
        if files.count > limit { return .failure(.tooMany) }
        if files.contains(where: { $0.data.readableBytes > AttachmentType.maxBytes }) { return .failure(.tooLarge) }
        var recordings: [(Data, String)] = []
        for file in files {
            let data = Data(buffer: file.data)
            guard let type = AudioType.of(data) else { return .failure(.notAudio) }
            recordings.append((data, type))
        }
        return .success(recordings)
    }
}

/// The audio formats a recording may be, told by their first bytes.
enum AudioType {
    static let types = ["audio/mpeg", "audio/aac", "audio/mp4", "audio/wav", "audio/ogg", "audio/amr"]

    static func of(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(12))
        func ascii(_ range: Range<Int>, _ text: String) -> Bool {
            bytes.count >= range.upperBound && Array(bytes[range]) == Array(text.utf8)
        }
        if ascii(0..<3, "ID3") { return "audio/mpeg" }
        if ascii(0..<4, "RIFF"), ascii(8..<12, "WAVE") { return "audio/wav" }
        if ascii(0..<4, "OggS") { return "audio/ogg" }
        if ascii(0..<5, "#!AMR") { return "audio/amr" }
        // MP4 audio (a phone's voice memo): an "ftyp" box with an audio or plain MP4 brand.
        if ascii(4..<8, "ftyp"),
            ["M4A ", "M4B ", "mp42", "mp41", "isom", "3gp4", "3gp5", "3gp6"].contains(where: { ascii(8..<12, $0) })
        {
            return "audio/mp4"
        }
        // An MPEG frame's sync bits: layer 00 is AAC (ADTS), any other layer MP3.
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] & 0xF0 == 0xF0 || bytes[1] & 0xE0 == 0xE0 {
            return bytes[1] & 0x06 == 0 ? "audio/aac" : "audio/mpeg"
        }
        return nil
    }

    static func fileExtension(_ type: String) -> String? {
        switch type {
        case "audio/mpeg": "mp3"
        case "audio/aac": "aac"
        case "audio/mp4": "m4a"
        case "audio/wav": "wav"
        case "audio/ogg": "ogg"
        case "audio/amr": "amr"
        default: nil
        }
    }
}
