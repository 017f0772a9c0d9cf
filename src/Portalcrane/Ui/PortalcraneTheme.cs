using MudBlazor;

namespace Portalcrane.Ui;

/// <summary>The colours of the UI, light and dark.</summary>
public static class PortalcraneTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#0d47a1",
            Background = "#f5f7fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            Secondary = "#4db6ac",
            AppbarBackground = "#101826",
            Background = "#0b111b",
            Surface = "#151e2c",
            DrawerBackground = "#101826",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };
}
