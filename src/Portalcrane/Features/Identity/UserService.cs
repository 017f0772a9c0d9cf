using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Api;
using Portalcrane.Features.Data;

namespace Portalcrane.Features.Identity;

/// <summary>Local accounts: create, update, disable, delete, change password. The built-in admin is read-only here.</summary>
public sealed partial class UserService(PortalcraneDbContext db, TimeProvider time)
{
    public const int MinPasswordLength = 8;

    public Task<List<UserDto>> ListAsync(CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().OrderBy(u => u.Username).Select(u => ToDto(u)).ToListAsync(cancellationToken);

    public async Task<UserDto?> FindAsync(long id, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => ToDto(u)).FirstOrDefaultAsync(cancellationToken);

    public async Task<Result<UserDto>> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!UsernameGrammar().IsMatch(request.Username ?? string.Empty))
        {
            errors["username"] = ["1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"];
        }

        if ((request.Password ?? string.Empty).Length < MinPasswordLength)
        {
            errors["password"] = [$"at least {MinPasswordLength} characters"];
        }

        if (errors.Count == 0 && await db.Users.AnyAsync(u => u.Username == request.Username, cancellationToken))
        {
            errors["username"] = ["already taken"];
        }

        if (errors.Count > 0)
        {
            return Result<UserDto>.Invalid(errors);
        }

        var user = new UserEntity
        {
            Username = request.Username!,
            PasswordHash = PasswordHasher.Hash(request.Password!),
            IsAdmin = request.IsAdmin,
            CanPull = request.CanPull,
            CanPush = request.CanPush,
            Disabled = request.Disabled,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return Result<UserDto>.Ok(ToDto(user));
    }

    public async Task<Result<UserDto>> UpdateAsync(long id, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Result<UserDto>.NotFound();
        }

        if (user.IsBuiltIn)
        {
            return Result<UserDto>.Conflict("the built-in administrator is defined by ADMIN_USERNAME and ADMIN_PASSWORD and cannot be changed here");
        }

        if (request.Password is { } password)
        {
            if (password.Length < MinPasswordLength)
            {
                return Result<UserDto>.Invalid(new() { ["password"] = [$"at least {MinPasswordLength} characters"] });
            }

            user.PasswordHash = PasswordHasher.Hash(password);
        }

        user.IsAdmin = request.IsAdmin ?? user.IsAdmin;
        user.CanPull = request.CanPull ?? user.CanPull;
        user.CanPush = request.CanPush ?? user.CanPush;
        user.Disabled = request.Disabled ?? user.Disabled;
        await db.SaveChangesAsync(cancellationToken);
        return Result<UserDto>.Ok(ToDto(user));
    }

    public async Task<Result<bool>> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Result<bool>.NotFound();
        }

        if (user.IsBuiltIn)
        {
            return Result<bool>.Conflict("the built-in administrator cannot be deleted");
        }

        await db.Users.Where(u => u.Id == id).ExecuteDeleteAsync(cancellationToken);
        return Result<bool>.Ok(true);
    }

    public async Task<Result<bool>> ChangePasswordAsync(long id, ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Result<bool>.NotFound();
        }

        if (user.IsBuiltIn)
        {
            return Result<bool>.Conflict("the built-in administrator's password is ADMIN_PASSWORD");
        }

        if (user.PasswordHash is null || !PasswordHasher.Verify(request.CurrentPassword ?? string.Empty, user.PasswordHash))
        {
            return Result<bool>.Invalid(new() { ["currentPassword"] = ["does not match"] });
        }

        if ((request.NewPassword ?? string.Empty).Length < MinPasswordLength)
        {
            return Result<bool>.Invalid(new() { ["newPassword"] = [$"at least {MinPasswordLength} characters"] });
        }

        user.PasswordHash = PasswordHasher.Hash(request.NewPassword!);
        await db.SaveChangesAsync(cancellationToken);
        return Result<bool>.Ok(true);
    }

    public static readonly IReadOnlyList<string> Themes = ["auto", "light", "dark"];

    public async Task<string> ThemeAsync(long id, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Theme).FirstOrDefaultAsync(cancellationToken) ?? "auto";

    /// <summary>Remembers the account's UI theme (any account may set its own, the built-in admin included).</summary>
    public async Task<Result<bool>> SetThemeAsync(long id, string theme, CancellationToken cancellationToken)
    {
        if (!Themes.Contains(theme))
        {
            return Result<bool>.Invalid(new() { ["theme"] = ["auto, light or dark"] });
        }

        var changed = await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Theme, theme), cancellationToken);
        return changed > 0 ? Result<bool>.Ok(true) : Result<bool>.NotFound();
    }

    private static UserDto ToDto(UserEntity u) => new(u.Id, u.Username, u.IsAdmin, u.CanPull, u.CanPush, u.Disabled, u.IsBuiltIn, u.CreatedAt);

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernameGrammar();
}
