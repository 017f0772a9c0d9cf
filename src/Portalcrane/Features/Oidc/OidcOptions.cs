namespace Portalcrane.Features.Oidc;

/// <summary>Single sign-on with an OpenID provider, from the <c>OIDC_*</c> environment variables.</summary>
public sealed class OidcOptions
{
    public const string Scheme = "oidc";

    public bool Enabled { get; set; }

    public string? Issuer { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Where the provider sends the browser back; its path is the callback Portalcrane answers.</summary>
    public string? RedirectUri { get; set; }

    public string? PostLogoutRedirectUri { get; set; }

    public string ResponseType { get; set; } = "code";

    public string Scope { get; set; } = "openid profile email";

    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Members of these provider groups are administrators (refreshed at each login).</summary>
    public IReadOnlyList<string> AdminGroups { get; set; } = [];

    /// <summary>Provider group -> Portalcrane group; memberships follow the provider at each login.</summary>
    public IReadOnlyDictionary<string, string> GroupMapping { get; set; } = new Dictionary<string, string>();

    /// <summary>OIDC-only: password logins are refused (access tokens still work).</summary>
    public bool OnlyOidc { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public string CallbackPath => RedirectUri is { Length: > 0 } uri ? new Uri(uri).AbsolutePath : "/api/auth/oidc/callback";

    public static OidcOptions FromConfiguration(IConfiguration configuration)
    {
        static IReadOnlyList<string> List(string? value) => (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var options = new OidcOptions
        {
            Enabled = configuration.GetValue("OIDC_ENABLED", false),
            Issuer = configuration["OIDC_ISSUER"],
            ClientId = configuration["OIDC_CLIENT_ID"],
            ClientSecret = configuration["OIDC_CLIENT_SECRET"],
            RedirectUri = configuration["OIDC_REDIRECT_URI"],
            PostLogoutRedirectUri = configuration["OIDC_POST_LOGOUT_REDIRECT_URI"],
            AdminGroups = List(configuration["OIDC_ADMIN_GROUPS"]),
            GroupMapping = List(configuration["OIDC_GROUP_MAPPING"])
                .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
                .Where(pair => pair.Length == 2 && pair[0].Length > 0 && pair[1].Length > 0)
                .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal),
            OnlyOidc = configuration.GetValue("OIDC_ONLY", false),
            RequireHttpsMetadata = configuration.GetValue("OIDC_REQUIRE_HTTPS_METADATA", true),
        };
        options.ResponseType = configuration["OIDC_RESPONSE_TYPE"] is { Length: > 0 } responseType ? responseType : options.ResponseType;
        options.Scope = configuration["OIDC_SCOPE"] is { Length: > 0 } scope ? scope : options.Scope;
        options.GroupsClaim = configuration["OIDC_GROUPS_CLAIM"] is { Length: > 0 } claim ? claim : options.GroupsClaim;
        return options;
    }

    /// <summary>Why this configuration cannot start, or null.</summary>
    public string? Problem() => this switch
    {
        { OnlyOidc: true, Enabled: false } => "OIDC_ONLY=true needs OIDC_ENABLED=true",
        { OnlyOidc: true, AdminGroups.Count: 0 } => "OIDC_ONLY=true would leave no administrator able to log in: set OIDC_ADMIN_GROUPS",
        { Enabled: true, Issuer: null or "" } or { Enabled: true, ClientId: null or "" } => "OIDC_ENABLED=true needs OIDC_ISSUER and OIDC_CLIENT_ID",
        _ => null,
    };
}
