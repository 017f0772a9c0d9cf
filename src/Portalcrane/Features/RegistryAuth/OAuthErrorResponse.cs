using System.Text.Json.Serialization;

namespace Portalcrane.Features.RegistryAuth;

public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);
