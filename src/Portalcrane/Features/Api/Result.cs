namespace Portalcrane.Features.Api;

public enum ResultStatus
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>A service's answer: a value, or why there is none (validation errors, not found, conflict).</summary>
public sealed record Result<T>(ResultStatus Status, T? Value = default, Dictionary<string, string[]>? Errors = null, string? Detail = null)
{
    public static Result<T> Ok(T value) => new(ResultStatus.Ok, value);

    public static Result<T> Invalid(Dictionary<string, string[]> errors) => new(ResultStatus.Invalid, Errors: errors);

    public static Result<T> NotFound() => new(ResultStatus.NotFound);

    public static Result<T> Conflict(string detail) => new(ResultStatus.Conflict, Detail: detail);

    /// <summary>The /api answer: the value through <paramref name="ok"/>, or ProblemDetails.</summary>
    public IResult ToHttp(Func<T, IResult> ok) => Status switch
    {
        ResultStatus.Ok => ok(Value!),
        ResultStatus.Invalid => TypedResults.ValidationProblem(Errors!),
        ResultStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: Detail),
    };
}
