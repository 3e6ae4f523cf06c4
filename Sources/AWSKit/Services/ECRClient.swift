import Foundation

/// The ECR call a deploy needs: whether a repository holds an image tag (JSON 1.1 protocol).
public struct ECRClient: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    public enum ImageState: Sendable, Equatable {
        case present
        case missingTag
        case noRepository
    }

    struct ImageID: Codable { var imageTag: String }
    struct DescribeImagesInput: Encodable { var repositoryName: String; var imageIds: [ImageID] }
    struct DescribeImagesOutput: Decodable { struct Detail: Decodable { var imageTags: [String]? }; var imageDetails: [Detail]? }

    public func imageState(repository: String, tag: String) async throws -> ImageState {
        do {
            let response = try await client.send(JSONProtocol.request(service: .ecr, version: "1.1",
                targetPrefix: "AmazonEC2ContainerRegistry_V20150921", operation: "DescribeImages",
                body: DescribeImagesInput(repositoryName: repository, imageIds: [ImageID(imageTag: tag)])))
            let details = try JSONProtocol.decode(DescribeImagesOutput.self, from: response).imageDetails ?? []
            return details.contains { ($0.imageTags ?? []).contains(tag) } ? .present : .missingTag
        } catch let error as AWSServiceError where error.code == "RepositoryNotFoundException" {
            return .noRepository
        } catch let error as AWSServiceError where error.code == "ImageNotFoundException" {
            return .missingTag
        }
    }
}

extension AWSService {
    public static let ecr = AWSService(endpointEnvironmentID: "ECR", signingName: "ecr", endpointPrefix: "api.ecr",
                                       signingOptions: .standard)
}
