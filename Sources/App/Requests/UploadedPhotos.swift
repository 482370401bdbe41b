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
    static func check(_ files: [File]?, limit: Int = limit) -> Result<[(Data, String)], Problem> {
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

/// The audio formats a recording may be, told by their bytes: a container's signature, or for
/// a raw MPEG or AAC stream two frame headers in a row (one valid-looking header is too easy to
/// meet by chance: UTF-16 text starts with FF FE). An MP4 with a video track is a video, not a
/// recording, whatever its brand.
enum AudioType {
    static let types = ["audio/mpeg", "audio/aac", "audio/mp4", "audio/wav", "audio/ogg", "audio/amr"]

    static func of(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(16))
        func ascii(_ range: Range<Int>, _ text: String) -> Bool {
            bytes.count >= range.upperBound && Array(bytes[range]) == Array(text.utf8)
        }
        if ascii(0..<3, "ID3") { return "audio/mpeg" }
        if ascii(0..<4, "RIFF"), ascii(8..<12, "WAVE") { return "audio/wav" }
        if ascii(0..<4, "OggS") { return "audio/ogg" }
        if ascii(0..<5, "#!AMR") { return "audio/amr" }
        if ascii(4..<8, "ftyp") {
            let audioBrands = ["M4A ", "M4B ", "mp42", "mp41", "isom", "3gp4", "3gp5", "3gp6"]
            guard audioBrands.contains(where: { ascii(8..<12, $0) }), !hasVideoTrack(data) else { return nil }
            return "audio/mp4"
        }
        if let length = mpegFrameLength(data, at: 0), mpegFrameLength(data, at: length) != nil { return "audio/mpeg" }
        if let length = adtsFrameLength(data, at: 0), adtsFrameLength(data, at: length) != nil { return "audio/aac" }
        return nil
    }

    /// An MP4 track's handler "vide": a video (the handler box reads "hdlr", 8 bytes, the type).
    static func hasVideoTrack(_ data: Data) -> Bool {
        let handler = Data("hdlr".utf8)
        var from = data.startIndex
        while let found = data.range(of: handler, in: from..<data.endIndex) {
            let type = found.upperBound + 8
            if type + 4 <= data.endIndex, data[type..<type + 4] == Data("vide".utf8) { return true }
            from = found.upperBound
        }
        return false
    }

    /// The length of the MPEG audio Layer III frame at `offset`, if a valid header is there.
    static func mpegFrameLength(_ data: Data, at offset: Int) -> Int? {
        guard offset >= 0, data.count >= offset + 4 else { return nil }
        let base = data.startIndex + offset
        let (b1, b2) = (data[base + 1], data[base + 2])
        guard data[base] == 0xFF, b1 & 0xE0 == 0xE0 else { return nil }
        let version = (b1 >> 3) & 0x03  // 3: MPEG 1, 2: MPEG 2, 0: MPEG 2.5, 1: reserved
        let layer = (b1 >> 1) & 0x03  // 1: Layer III
        let bitrateIndex = Int(b2 >> 4)
        let rateIndex = Int((b2 >> 2) & 0x03)
        guard version != 1, layer == 1, (1...14).contains(bitrateIndex), rateIndex < 3 else { return nil }
        let mpeg1 = version == 3
        let bitrates =
            mpeg1
            ? [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
            : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
        let rates = [44_100, 48_000, 32_000][rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4)
        let padding = Int((b2 >> 1) & 0x01)
        return (mpeg1 ? 144 : 72) * bitrates[bitrateIndex] * 1000 / rates + padding
    }

    /// The length of the AAC (ADTS) frame at `offset`, if a valid header is there.
    static func adtsFrameLength(_ data: Data, at offset: Int) -> Int? {
        guard offset >= 0, data.count >= offset + 7 else { return nil }
        let base = data.startIndex + offset
        let b = (0..<6).map { data[base + $0] }
        // Sync, layer 00; a sampling rate index of 0–12.
        guard b[0] == 0xFF, b[1] & 0xF6 == 0xF0, (b[2] >> 2) & 0x0F <= 12 else { return nil }
        let length = (Int(b[3] & 0x03) << 11) | (Int(b[4]) << 3) | (Int(b[5]) >> 5)
        return length >= 7 ? length : nil
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
