namespace Portalcrane.Registry.Listing;

/// <summary>One page of a lexically sorted listing; <see cref="HasMore"/> asks for a <c>Link</c> to the next.</summary>
public sealed record Page(IReadOnlyList<string> Items, bool HasMore);
