using Portalcrane.Hosting;
using Portalcrane.Registry;
using Portalcrane.Registry.Endpoints;

// Settings files sit beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPortalcraneHosting();
builder.Services.AddRegistry(builder.Configuration, builder.Configuration.GetDataDirectory());

var app = builder.Build();
app.MapHealthEndpoints();
app.MapRegistryEndpoints();
app.Run();

/// <summary>The host program; public so integration tests can start it.</summary>
public partial class Program;
