using Portalcrane.Features.RegistryAuth;
using Portalcrane.Registry.Access;

namespace Portalcrane.Features.Audit;

/// <summary>Registry pushes, pulls and deletions into the audit log, with the caller the gate identified.</summary>
public sealed class RegistryAuditEvents(AuditLog log) : IRegistryEvents
{
    public void ManifestPushed(HttpContext context, string repository, string reference, string digest, long size) =>
        log.Record(context, Actor(context), "registry.push", true, target: $"{repository}:{reference}", repository: repository, digest: digest, size: size);

    public void ManifestPulled(HttpContext context, string repository, string reference, string digest) =>
        log.Record(context, Actor(context), "registry.pull", true, target: $"{repository}:{reference}", repository: repository, digest: digest);

    public void ManifestDeleted(HttpContext context, string repository, string reference) =>
        log.Record(context, Actor(context), "registry.delete", true, target: $"{repository}:{reference}", repository: repository);

    public void BlobDeleted(HttpContext context, string repository, string digest) =>
        log.Record(context, Actor(context), "registry.blob-delete", true, target: repository, repository: repository, digest: digest);

    private static string Actor(HttpContext context) => RegistryCallers.Known(context)?.Principal.Name ?? string.Empty;
}
