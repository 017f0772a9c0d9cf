namespace Portalcrane.Features.Identity;

public sealed record GroupDto(long Id, string Name, IReadOnlyList<long> MemberIds);

public sealed record GroupRequest(string Name);
