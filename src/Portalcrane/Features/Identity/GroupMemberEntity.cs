namespace Portalcrane.Features.Identity;

public sealed class GroupMemberEntity
{
    public long GroupId { get; set; }

    public long UserId { get; set; }
}
