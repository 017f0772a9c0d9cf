namespace Portalcrane.EndToEnd.Tests.Http;

/// <summary>How a client sends a blob. https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-blobs</summary>
public enum UploadMode
{
    /// <summary>One <c>POST ?digest=</c> carrying the whole blob.</summary>
    Monolithic,

    /// <summary>POST to open a session, PATCH with <c>Content-Range</c>, PUT <c>?digest=</c> to close it.</summary>
    Chunked,
}
