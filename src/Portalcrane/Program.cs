using Portalcrane.Features.Access;
using Portalcrane.Features.Api;
using Portalcrane.Features.Audit;
using Portalcrane.Features.Identity;
using Portalcrane.Features.Images;
using Portalcrane.Features.Maintenance;
using Portalcrane.Features.Metrics;
using Portalcrane.Features.Oidc;
using Portalcrane.Features.RegistryAuth;
using Portalcrane.Hosting;
using Portalcrane.Registry;
using Portalcrane.Registry.Endpoints;
using Portalcrane.Ui;
using Prometheus;

if (HealthCheckCommand.IsRequested(args))
{
    Environment.Exit(await HealthCheckCommand.RunAsync());
}

// Settings files sit beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var dataDirectory = builder.Configuration.GetDataDirectory();
builder.AddPortalcraneHosting();
builder.AddTrustedProxies();
builder.Services.AddRegistry(builder.Configuration, dataDirectory);
builder.AddAccess(dataDirectory);
builder.AddOidc();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddPortalcraneMetrics();
builder.Services.AddHostedService<GcObserver>();
builder.AddUi();

var app = builder.Build();
app.WarnWhenRegistryIsOpen();
app.UseTrustedProxies();
app.UsePortalcraneMetrics();
app.UseAuthentication();
app.UseAuthorization();
app.UseApiAudit();
app.UseAntiforgery();
app.UseUiOriginCheck();
app.MapHealthEndpoints();
app.MapMetrics();
app.MapOpenApi();
app.MapTokenEndpoints();
app.MapSessionEndpoints();
app.MapOidcEndpoints();
app.MapApiEndpoints();
app.MapAuditEndpoints();
app.MapImageEndpoints();
app.MapMaintenanceEndpoints();
app.MapRegistryEndpoints();
app.MapUi();
app.Run();

/// <summary>The host program; public so integration tests can start it.</summary>
public partial class Program;
