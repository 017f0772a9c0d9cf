using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Api;
using Portalcrane.Features.Audit;
using Portalcrane.Features.Data;
using Portalcrane.Features.Identity;
using Portalcrane.Features.RegistryAuth;
using Portalcrane.Features.Tokens;
using Portalcrane.Registry.Access;
using Portalcrane.Registry.Metadata;

namespace Portalcrane.Features.Access;

/// <summary>Accounts, folders, access tokens and registry authentication.</summary>
public static partial class AccessServiceCollectionExtensions
{
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder, string dataDirectory)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var registryAuth = configuration.GetValue("REGISTRY_PROXY_AUTH_ENABLED", true);
        var sqlite = Path.Combine(dataDirectory, "portalcrane.db");
        if (RegistryDatabase.PostgresConnectionString(configuration) is { } postgres)
        {
            services.AddDbContextPool<PortalcraneDbContext, PostgresPortalcraneDbContext>(options => options.UseMetadataDatabase(postgres, sqlite, PortalcraneDbContext.MigrationsHistoryTable));
        }
        else
        {
            services.AddDbContextPool<PortalcraneDbContext>(options => options.UseMetadataDatabase(null, sqlite, PortalcraneDbContext.MigrationsHistoryTable));
        }

        services.AddOptions<AdminOptions>().Configure(o =>
        {
            o.Username = configuration["ADMIN_USERNAME"] is { Length: > 0 } name ? name : o.Username;
            o.Password = configuration["ADMIN_PASSWORD"];
        });
        services.AddOptions<RegistryAuthOptions>().Configure(o =>
        {
            o.Enabled = registryAuth;
            o.PublicUrl = configuration["PUBLIC_URL"];
        });
        services.AddOptions<AccessTokenOptions>().Bind(configuration.GetSection(AccessTokenOptions.Section))
            .Validate(o => o.DefaultLifetime > TimeSpan.Zero && o.DefaultLifetime <= o.MaxLifetime, "AccessTokens:DefaultLifetime must be positive and at most AccessTokens:MaxLifetime.")
            .ValidateOnStart();

        services.AddSingleton(new SigningKey(dataDirectory));
        services.AddSingleton(new ServerSecret(dataDirectory, configuration["SECRET_KEY"]));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<TokenUsage>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenUsage>());
        services.AddScoped<AccessTokenService>();
        services.AddScoped<CredentialVerifier>();
        services.AddScoped<LoginService>();
        services.AddScoped<SessionService>();
        services.AddScoped<RefreshTokenService>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService<AuditWriter>();
        services.AddScoped<AuditService>();
        services.AddSingleton<RegistryAuditEvents>();
        services.AddOptions<AuditOptions>().Configure(o =>
        {
            o.MaxEvents = configuration.GetValue("AUDIT_MAX_EVENTS", o.MaxEvents);
            o.MaxAgeDays = configuration.GetValue<int?>("AUDIT_MAX_AGE_DAYS");
        }).Validate(o => o.MaxEvents > 0 && o.MaxAgeDays is null or > 0, "AUDIT_MAX_EVENTS and AUDIT_MAX_AGE_DAYS must be positive.").ValidateOnStart();
        services.AddScoped<AccessPolicy>();
        services.AddScoped<UserService>();
        services.AddScoped<GroupService>();
        services.AddScoped<FolderService>();
        services.AddScoped<RegistryCallers>();
        services.AddHostedService<AccessInitializer>();

        if (registryAuth)
        {
            services.AddScoped<IRegistryGate, TokenRegistryGate>();
        }

        // The default scheme also when single sign-on adds its own: the UI and /api authenticate with it.
        services.AddAuthentication(ApiAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiAuthenticationHandler>(ApiAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiAuthenticationHandler.UserPolicy, p => p.AddAuthenticationSchemes(ApiAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(ApiAuthenticationHandler.AdminPolicy, p => p.AddAuthenticationSchemes(ApiAuthenticationHandler.SchemeName).RequireRole(ApiAuthenticationHandler.AdminRole));
        services.AddProblemDetails();
        return builder;
    }

    /// <summary>Warns, once at start, when /v2 is open to anyone.</summary>
    public static void WarnWhenRegistryIsOpen(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RegistryAuthOptions>>().Value.Enabled)
        {
            LogOpenRegistry(app.Logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "REGISTRY_PROXY_AUTH_ENABLED=false: the registry at /v2 accepts anonymous pushes, pulls and deletes from anyone who can reach it")]
    private static partial void LogOpenRegistry(ILogger logger);
}
