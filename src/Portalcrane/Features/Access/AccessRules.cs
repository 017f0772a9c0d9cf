namespace Portalcrane.Features.Access;

/// <summary>
/// The folder rules as they apply to one principal, loaded once and decided in memory: the
/// longest folder whose path prefixes a repository owns it; the root folder (empty path) owns
/// the rest. A non-admin needs the account's global flag and a grant on the owning folder; a
/// public folder lets anyone pull.
/// </summary>
public sealed class AccessRules
{
    private readonly Principal _principal;
    private readonly List<FolderRights> _folders;

    public AccessRules(Principal principal, IEnumerable<FolderRights> folders)
    {
        _principal = principal;
        _folders = [.. folders.OrderByDescending(f => f.Path.Length)];
    }

    public Rights Decide(string repository)
    {
        var cap = _principal.Cap;
        if (_principal.IsAdmin)
        {
            return cap;
        }

        var folder = OwnerOf(repository);
        if (folder is null)
        {
            return Rights.None;
        }

        var pull = folder.IsPublic || (_principal.CanPull && folder.GrantPull && cap.Pull);
        var push = _principal.CanPush && folder.GrantPush && cap.Push;
        return new Rights(pull, push);
    }

    public FolderRights? OwnerOf(string repository) =>
        _folders.FirstOrDefault(f => f.Path.Length == 0 || repository.StartsWith(f.Path + "/", StringComparison.Ordinal));
}
