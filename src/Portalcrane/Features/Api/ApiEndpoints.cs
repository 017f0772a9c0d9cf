using Portalcrane.Features.Access;
using Portalcrane.Features.Identity;
using Portalcrane.Features.Tokens;

namespace Portalcrane.Features.Api;

/// <summary>The management REST API: accounts, groups, folders and grants, access tokens.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ApiAuthenticationHandler.UserPolicy);
        var admin = api.MapGroup(string.Empty).RequireAuthorization(ApiAuthenticationHandler.AdminPolicy);

        api.MapGet("/auth/me", (HttpContext http) => TypedResults.Ok(Me(CurrentPrincipal.Of(http), http.Items[SessionService.CsrfHeader] as string)));
        api.MapPut("/auth/password", async (ChangePasswordRequest request, HttpContext http, UserService users, CancellationToken ct) =>
            (await users.ChangePasswordAsync(CurrentPrincipal.Of(http).UserId!.Value, request, ct)).ToHttp(_ => TypedResults.NoContent()));

        admin.MapGet("/users", async (UserService users, CancellationToken ct) => TypedResults.Ok(await users.ListAsync(ct)));
        admin.MapPost("/users", async (CreateUserRequest request, UserService users, CancellationToken ct) =>
            (await users.CreateAsync(request, ct)).ToHttp(u => TypedResults.Created($"/api/users/{u.Id}", u)));
        admin.MapPut("/users/{id:long}", async (long id, UpdateUserRequest request, UserService users, CancellationToken ct) =>
            (await users.UpdateAsync(id, request, ct)).ToHttp(TypedResults.Ok));
        admin.MapDelete("/users/{id:long}", async (long id, UserService users, CancellationToken ct) =>
            (await users.DeleteAsync(id, ct)).ToHttp(_ => TypedResults.NoContent()));

        admin.MapGet("/groups", async (GroupService groups, CancellationToken ct) => TypedResults.Ok(await groups.ListAsync(ct)));
        admin.MapPost("/groups", async (GroupRequest request, GroupService groups, CancellationToken ct) =>
            (await groups.CreateAsync(request, ct)).ToHttp(g => TypedResults.Created($"/api/groups/{g.Id}", g)));
        admin.MapDelete("/groups/{id:long}", async (long id, GroupService groups, CancellationToken ct) =>
            (await groups.DeleteAsync(id, ct)).ToHttp(_ => TypedResults.NoContent()));
        admin.MapPut("/groups/{id:long}/members/{userId:long}", async (long id, long userId, GroupService groups, CancellationToken ct) =>
            (await groups.AddMemberAsync(id, userId, ct)).ToHttp(_ => TypedResults.NoContent()));
        admin.MapDelete("/groups/{id:long}/members/{userId:long}", async (long id, long userId, GroupService groups, CancellationToken ct) =>
            (await groups.RemoveMemberAsync(id, userId, ct)).ToHttp(_ => TypedResults.NoContent()));

        admin.MapGet("/folders", async (FolderService folders, CancellationToken ct) => TypedResults.Ok(await folders.ListAsync(ct)));
        admin.MapPost("/folders", async (FolderRequest request, FolderService folders, CancellationToken ct) =>
            (await folders.CreateAsync(request, ct)).ToHttp(f => TypedResults.Created($"/api/folders/{f.Id}", f)));
        admin.MapPut("/folders/{id:long}", async (long id, FolderUpdateRequest request, FolderService folders, CancellationToken ct) =>
            (await folders.UpdateAsync(id, request, ct)).ToHttp(_ => TypedResults.NoContent()));
        admin.MapDelete("/folders/{id:long}", async (long id, FolderService folders, CancellationToken ct) =>
            (await folders.DeleteAsync(id, ct)).ToHttp(_ => TypedResults.NoContent()));
        admin.MapPut("/folders/{id:long}/grants", async (long id, List<GrantDto> grants, FolderService folders, CancellationToken ct) =>
            (await folders.SetGrantsAsync(id, grants, ct)).ToHttp(_ => TypedResults.NoContent()));

        api.MapGet("/tokens", ListTokensAsync);
        api.MapPost("/tokens", CreateTokenAsync);
        api.MapDelete("/tokens/{id}", RevokeTokenAsync);
        return app;
    }

    /// <summary>Who is signed in; for a cookie session also the CSRF token its state changes must send.</summary>
    private static object Me(Principal p, string? csrfToken) => new { id = p.UserId, username = p.Name, p.IsAdmin, p.CanPull, p.CanPush, csrfToken };

    private static async Task<IResult> ListTokensAsync(HttpContext http, AccessTokenService tokens, CancellationToken ct) =>
        TypedResults.Ok((await tokens.ListAsync(CurrentPrincipal.Of(http).UserId!.Value, ct)).Select(TokenDto.From));

    private static async Task<IResult> CreateTokenAsync(CreateTokenRequest request, HttpContext http, AccessTokenService tokens, CancellationToken ct)
    {
        var errors = tokens.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await tokens.CreateAsync(CurrentPrincipal.Of(http).UserId!.Value, request.Name.Trim(), request.Scopes!, request.ExpiresAt?.ToUniversalTime(), ct);
        return TypedResults.Created($"/api/tokens/{created.Token.Id}", new CreatedTokenDto(TokenDto.From(created.Token), created.Secret));
    }

    /// <summary>Users revoke their own tokens; administrators may revoke anyone's.</summary>
    private static async Task<IResult> RevokeTokenAsync(string id, HttpContext http, AccessTokenService tokens, CancellationToken ct)
    {
        var principal = CurrentPrincipal.Of(http);
        return await tokens.RevokeAsync(id, principal.IsAdmin ? null : principal.UserId, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }
}
