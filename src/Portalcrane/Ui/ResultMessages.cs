using Portalcrane.Features.Api;

namespace Portalcrane.Ui;

/// <summary>A service result as one readable sentence for a snackbar.</summary>
public static class ResultMessages
{
    public static string Describe<T>(Result<T> result) => result.Status switch
    {
        ResultStatus.Ok => "Done.",
        ResultStatus.NotFound => "It no longer exists.",
        ResultStatus.Invalid => string.Join("; ", (result.Errors ?? []).Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")),
        _ => result.Detail ?? "The change was refused.",
    };
}
