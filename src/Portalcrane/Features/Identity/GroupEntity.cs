namespace Portalcrane.Features.Identity;

/// <summary>A team of users that folder grants can name at once.</summary>
public sealed class GroupEntity
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public List<GroupMemberEntity> Members { get; set; } = [];
}
