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

    /// Stores the photos as the case's attachments, numbered from 1.
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
