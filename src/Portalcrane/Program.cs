using Portalcrane.Hosting;
using Portalcrane.Registry;
using Portalcrane.Registry.Endpoints;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalcraneHosting();
builder.Services.AddRegistry(builder.Configuration, builder.Configuration.GetDataDirectory());

var app = builder.Build();
app.MapHealthEndpoints();
app.MapRegistryEndpoints();
app.Run();

/// <summary>The host program; public so integration tests can start it.</summary>
public partial class Program;
