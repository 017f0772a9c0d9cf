using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Access;

public sealed class AuditAndThrottleTests
{
    [Fact]
    public async Task Pushes_pulls_logins_and_api_changes_land_in_the_audit_log_with_filters_and_exports()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct, new() { ["AUDIT_MAX_EVENTS"] = "1000" });
        var bob = await bed.Admin.CreateUserAsync("bob", "bob-password", canPull: true, canPush: true);
        var folder = await bed.Admin.CreateFolderAsync("team");
        await bed.Admin.GrantAsync(folder, new { userId = bob, canPull = true, canPush = true });
        Assert.Equal(0, (await bed.PushAsync("bob:bob-password", "team/app", ct)).ExitCode);
        Assert.Equal(0, (await bed.PullAsync("bob:bob-password", "team/app", ct)).ExitCode);
        Assert.NotEqual(0, (await bed.PullAsync("bob:not-the-password", "team/app", ct)).ExitCode);

        var pushes = await WaitForAsync(bed, "/api/audit?action=registry.push&repository=team/app", ct);
        var push = pushes.Single()!;
        Assert.Equal("bob", (string)push["actor"]!);
        Assert.Equal("team/app:latest", (string)push["target"]!);
        Assert.StartsWith("sha256:", (string)push["digest"]!, StringComparison.Ordinal);
        Assert.True((long)push["size"]! > 0);
        Assert.Equal("127.0.0.1", (string)push["clientAddress"]!);

        var pulls = await WaitForAsync(bed, "/api/audit?actor=bob&action=registry.pull", ct);
        Assert.Single(pulls);
        static bool Failed(JsonNode? e) => !(bool)e!["success"]!;
        var failures = await WaitForAsync(bed, "/api/audit?actor=bob&action=login", ct, Failed);
        Assert.Contains(failures, Failed);
        static bool UserCreated(JsonNode? e) => (string)e!["action"]! == "api POST /api/users" && (bool)e["success"]!;
        var apiChanges = await WaitForAsync(bed, "/api/audit?actor=admin&action=api", ct, UserCreated);
        Assert.Contains(apiChanges, UserCreated);

        using var csv = await bed.Admin.GetAsync("/api/audit?format=csv&action=registry.");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,time,actor,action", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length - 1);
        using var jsonl = await bed.Admin.GetAsync("/api/audit?format=jsonl&action=registry.");
        var records = (await jsonl.Content.ReadAsStringAsync(ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["registry.pull", "registry.push"], records.Select(r => (string)r["action"]!));

        using var asBob = AdminApi.Create(bed.Bed.Server.BaseAddress, "bob", "bob-password");
        using var forbidden = await asBob.GetAsync("/api/audit", ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Retention_keeps_only_the_newest_AUDIT_MAX_EVENTS()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct, new() { ["AUDIT_MAX_EVENTS"] = "5" });
        for (var i = 0; i < 12; i++)
        {
            await bed.Admin.CreateGroupAsync($"group{i}");
        }

        JsonNode page = null!;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var response = await bed.Admin.GetAsync("/api/audit?action=api");
            page = (await response.Content.ReadFromJsonAsync<JsonNode>(ct))!;
            if ((string?)page["items"]![0]?["target"] == "/api/groups" && (int)page["total"]! <= 5)
            {
                break;
            }

            await Task.Delay(100, ct);
        }

        Assert.InRange((int)page["total"]!, 1, 5);
        Assert.Equal("/api/groups", (string)page["items"]![0]!["target"]!);
    }

    [Fact]
    public async Task Failed_logins_are_throttled_per_user_and_per_client_and_a_storm_does_not_stop_pushes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct);
        await bed.Admin.CreateUserAsync("alice", "alice-password");

        using var wrong = AdminApi.Create(bed.Bed.Server.BaseAddress, "alice", "guess");
        for (var i = 0; i < 10; i++)
        {
            using var attempt = await wrong.GetAsync("/auth/token", ct);
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        using var right = AdminApi.Create(bed.Bed.Server.BaseAddress, "alice", "alice-password");
        using var locked = await right.GetAsync("/auth/token", ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // A storm of failed logins from another address (127.0.0.2) while the admin pushes from 127.0.0.1.
        using var storm = new HttpClient(new SocketsHttpHandler { ConnectCallback = ConnectFrom(IPAddress.Parse("127.0.0.2")) }) { BaseAddress = bed.Bed.Server.BaseAddress };
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var stormTask = Parallel.ForAsync(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/token");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"user{i}:guess")));
            using var response = await storm.SendAsync(request, token);
            statuses.Add(response.StatusCode);
        });
        var push = await bed.PushAsync($"admin:{AccessBed.AdminPassword}", "storm/app", ct);
        await stormTask;
        Assert.True(push.ExitCode == 0, $"the admin's push failed during the storm\n{push}");
        // Attempts already past the check when the limit is reached still finish: at most one per
        // concurrent connection beyond the limit.
        var refused = statuses.Count(s => s == HttpStatusCode.Unauthorized);
        Assert.InRange(refused, LoginThrottleLimits.PerClient, LoginThrottleLimits.PerClient + 16);
        Assert.Equal(400 - refused, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    private static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(IPAddress local) => async (context, token) =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(local, 0));
        await socket.ConnectAsync(context.DnsEndPoint, token);
        return new NetworkStream(socket, ownsSocket: true);
    };

    /// <summary>The events the query finds once there are any (and, with <paramref name="until"/>, once one matches): the log is written in batches.</summary>
    private static async Task<JsonArray> WaitForAsync(AccessBed bed, string query, CancellationToken ct, Func<JsonNode?, bool>? until = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await bed.Admin.GetAsync(query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = (await response.Content.ReadFromJsonAsync<JsonNode>(ct))!["items"]!.AsArray();
            if ((items.Count > 0 && (until is null || items.Any(until))) || attempt == 50)
            {
                return items;
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>The limits the server applies (a test that relies on them says so here).</summary>
    private static class LoginThrottleLimits
    {
        public const int PerClient = 30;
    }
}
