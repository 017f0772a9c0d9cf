using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Api;

namespace Portalcrane.Features.Audit;

/// <summary><c>GET /api/audit</c> (admins): filters, paging, and export as CSV or JSON lines.</summary>
public static class AuditEndpoints
{
    private const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ListAsync).RequireAuthorization(ApiAuthenticationHandler.AdminPolicy);
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http,
        AuditService audit,
        string? actor,
        string? action,
        string? repository,
        DateTime? from,
        DateTime? to,
        int? page,
        int? pageSize,
        string? format,
        CancellationToken cancellationToken)
    {
        var query = audit.Query(new AuditQuery(actor, action, repository, from, to));
        switch (format)
        {
            case "csv":
                await ExportAsync(http, query, "text/csv", CsvHeader, ToCsv, cancellationToken);
                return TypedResults.Empty;
            case "jsonl":
                await ExportAsync(http, query, "application/jsonl", null, e => JsonSerializer.Serialize(e, JsonSerializerOptions.Web), cancellationToken);
                return TypedResults.Empty;
            case null or "" or "json":
                break;
            default:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["json, csv or jsonl"] });
        }

        var size = Math.Clamp(pageSize ?? 100, 1, MaxPageSize);
        var number = Math.Max(page ?? 1, 1);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new { page = number, pageSize = size, total, items });
    }

    /// <summary>Streams every matching event, newest first, without holding them in memory.</summary>
    private static async Task ExportAsync(HttpContext http, IQueryable<AuditEventDto> query, string contentType, string? header, Func<AuditEventDto, string> line, CancellationToken cancellationToken)
    {
        http.Response.ContentType = contentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit.{(contentType == "text/csv" ? "csv" : "jsonl")}\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        if (header is not null)
        {
            await writer.WriteLineAsync(header);
        }

        await foreach (var item in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(line(item));
        }
    }

    private const string CsvHeader = "id,time,actor,action,target,repository,digest,size,success,detail,clientAddress,userAgent";

    private static string ToCsv(AuditEventDto e) => string.Join(',',
        e.Id.ToString(CultureInfo.InvariantCulture), e.Time.ToString("O", CultureInfo.InvariantCulture), Csv(e.Actor), Csv(e.Action), Csv(e.Target), Csv(e.Repository),
        Csv(e.Digest), e.Size?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, e.Success ? "true" : "false", Csv(e.Detail), Csv(e.ClientAddress), Csv(e.UserAgent));

    /// <summary>RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
