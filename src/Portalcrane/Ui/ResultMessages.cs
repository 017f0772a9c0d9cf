using MudBlazor;
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

    /// <summary>Shows <paramref name="success"/> or what went wrong; true when the change was made.</summary>
    public static bool Report<T>(this ISnackbar snackbar, Result<T> result, string success)
    {
        var ok = result.Status == ResultStatus.Ok;
        snackbar.Add(ok ? success : Describe(result), ok ? Severity.Success : Severity.Error);
        return ok;
    }
}
