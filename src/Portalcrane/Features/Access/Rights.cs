namespace Portalcrane.Features.Access;

/// <summary>What a principal may do on one repository. Push includes delete and retag.</summary>
public readonly record struct Rights(bool Pull, bool Push)
{
    public static readonly Rights None = new(false, false);
    public static readonly Rights All = new(true, true);
}
