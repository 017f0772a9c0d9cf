using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portalcrane.Features.Data;
using Portalcrane.Features.Identity;

namespace Portalcrane.Features.Access;

/// <summary>
/// Before the server listens: the manager's schema is current, the root folder exists, and the
/// built-in administrator matches the environment (with a generated password on first start when
/// none is given, printed once and kept only as a hash).
/// </summary>
public sealed partial class AccessInitializer(IServiceProvider services, IOptions<AdminOptions> admin, TimeProvider time, ILogger<AccessInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalcraneDbContext>();
        await db.Database.MigrateAsync(cancellationToken);

        if (!await db.Folders.AnyAsync(f => f.Path == string.Empty, cancellationToken))
        {
            db.Folders.Add(new FolderEntity { Path = string.Empty });
        }

        var options = admin.Value;
        var builtIn = await db.Users.FirstOrDefaultAsync(u => u.IsBuiltIn, cancellationToken);
        if (builtIn is null)
        {
            builtIn = new UserEntity { Username = options.Username, IsBuiltIn = true, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Users.Add(builtIn);
        }

        builtIn.Username = options.Username;
        builtIn.IsAdmin = builtIn.CanPull = builtIn.CanPush = true;
        builtIn.Disabled = false;
        if (options.Password is { Length: > 0 } password)
        {
            if (builtIn.PasswordHash is null || !PasswordHasher.Verify(password, builtIn.PasswordHash))
            {
                builtIn.PasswordHash = PasswordHasher.Hash(password);
            }
        }
        else if (builtIn.PasswordHash is null)
        {
            var generated = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
            builtIn.PasswordHash = PasswordHasher.Hash(generated);
            LogGeneratedPassword(logger, options.Username, generated);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "ADMIN_PASSWORD is not set: generated a password for the built-in administrator '{Username}': {Password} (shown only this once; set ADMIN_PASSWORD to choose your own)")]
    private static partial void LogGeneratedPassword(ILogger logger, string username, string password);
}
