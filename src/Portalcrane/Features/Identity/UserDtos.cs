namespace Portalcrane.Features.Identity;

public sealed record UserDto(long Id, string Username, bool IsAdmin, bool CanPull, bool CanPush, bool Disabled, bool IsBuiltIn, DateTime CreatedAt);

public sealed record CreateUserRequest(string Username, string Password, bool IsAdmin = false, bool CanPull = true, bool CanPush = false, bool Disabled = false);

public sealed record UpdateUserRequest(string? Password = null, bool? IsAdmin = null, bool? CanPull = null, bool? CanPush = null, bool? Disabled = null);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
