using System.Net;
using System.Text.RegularExpressions;

namespace Portalcrane.EndToEnd.Tests.Oidc;

/// <summary>
/// What a browser does in the code flow, with cookies and redirects: start at Portalcrane, fill
/// the provider's login form, accept its consent form, submit the auto-posting form that carries
/// the code back (response_mode=form_post), and land back on Portalcrane.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    private readonly HttpClient _http;

    public BrowserSession(Uri portalcrane)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = true }) { BaseAddress = portalcrane };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    /// <summary>Signs in as <paramref name="login"/>; with <paramref name="deny"/> the user aborts at the provider instead. Returns where the browser ended.</summary>
    public async Task<Uri> SignInAsync(string login, bool deny, CancellationToken cancellationToken)
    {
        var response = await _http.GetAsync("/api/auth/oidc/login?returnUrl=/healthz", cancellationToken);
        for (var step = 0; step < 6; step++)
        {
            var page = await response.Content.ReadAsStringAsync(cancellationToken);
            var at = response.RequestMessage!.RequestUri!;
            var action = FormAction().Match(page);
            var backHome = at.Authority == _http.BaseAddress!.Authority && !at.AbsolutePath.StartsWith("/api/auth/oidc", StringComparison.Ordinal);
            if (!action.Success || backHome)
            {
                response.Dispose();
                return at;
            }

            var target = new Uri(at, WebUtility.HtmlDecode(action.Groups[1].Value));
            response.Dispose();
            var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
            var atProvider = fields.ContainsKey("prompt");
            if (deny && atProvider)
            {
                response = await _http.GetAsync(new Uri(target, target.AbsolutePath.TrimEnd('/') + "/abort"), cancellationToken);
                continue;
            }

            if (page.Contains("name=\"login\"", StringComparison.Ordinal))
            {
                fields["login"] = login;
                fields["password"] = "any";
            }

            response = await _http.PostAsync(target, new FormUrlEncodedContent(fields), cancellationToken);
        }

        throw new InvalidOperationException("the sign-in did not finish within six pages");
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
