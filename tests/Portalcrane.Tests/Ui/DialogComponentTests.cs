using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portalcrane.Ui.Shared;

namespace Portalcrane.Tests.Ui;

/// <summary>The confirmation and prompt dialogs every destructive or naming action goes through.</summary>
public sealed class DialogComponentTests : BunitContext
{
    public DialogComponentTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public async Task A_confirmation_names_what_goes_and_answers_true_only_when_confirmed()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var confirmed = provider.InvokeAsync(() => ConfirmDialog.AskAsync(dialogs, "Delete tags", "Delete 2 tags of team/app?", ["team/app:1.0", "team/app:1.1"], "Content stays pullable by digest.", "Delete 2"));
        provider.WaitForAssertion(() => Assert.Equal(2, provider.FindAll("[data-testid=confirm-items] li").Count));
        Assert.Equal(["team/app:1.0", "team/app:1.1"], provider.FindAll("[data-testid=confirm-items] li").Select(li => li.TextContent.Trim()));
        Assert.Contains("Content stays pullable by digest.", provider.Find("[data-testid=confirm-note]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Delete 2", provider.Find("[data-testid=confirm-button]").TextContent.Trim());
        await provider.Find("[data-testid=confirm-button]").ClickAsync(new());
        Assert.True(await confirmed);

        var cancelled = provider.InvokeAsync(() => ConfirmDialog.AskAsync(dialogs, "Delete tag", "Delete team/app:1.0?", ["team/app:1.0"], null, "Delete tag"));
        provider.WaitForAssertion(() => Assert.Single(provider.FindAll("[data-testid=confirm-items] li")));
        Assert.Empty(provider.FindAll("[data-testid=confirm-note]"));
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        Assert.False(await cancelled);
    }

    [Fact]
    public async Task A_prompt_refuses_an_invalid_value_and_returns_a_valid_one_trimmed()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var answer = provider.InvokeAsync(() => TextPromptDialog.AskAsync(dialogs, "Add a tag", "A new tag.", "New tag", "Add tag",
            value => Portalcrane.Oci.Tag.IsValid(value) ? null : "not a tag"));
        provider.WaitForAssertion(() => provider.Find("input"));

        provider.Find("input").Input("-bad");
        await provider.Find("[data-testid=prompt-submit]").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Contains("not a tag", provider.Markup, StringComparison.Ordinal));
        Assert.False(answer.IsCompleted, "the dialog stays open on an invalid value");

        provider.Find("input").Input(" v2.0 ");
        await provider.Find("[data-testid=prompt-submit]").ClickAsync(new());
        Assert.Equal("v2.0", await answer);
    }
}
