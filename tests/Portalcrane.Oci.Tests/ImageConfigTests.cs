namespace Portalcrane.Oci.Tests;

public sealed class ImageConfigTests
{
    [Fact]
    public void A_config_yields_platform_build_time_run_settings_and_history()
    {
        var json = """
            {"created":"2024-05-01T10:20:30.5Z","architecture":"arm64","variant":"v8","os":"linux",
             "config":{"Env":["PATH=/bin","A=b=c"],"Entrypoint":["/entry"],"Cmd":["run"],"WorkingDir":"/app","User":"app",
                       "ExposedPorts":{"443/tcp":{},"80/tcp":{}},"Volumes":{"/data":{}},"Labels":{"k":"v"}},
             "history":[{"created_by":"ADD rootfs"},{"created_by":"ENV A=b","empty_layer":true},{"created_by":"RUN make"}]}
            """u8;
        var config = ImageConfig.TryParse(json)!;
        Assert.Equal("linux/arm64/v8", config.Platform!.ToString());
        Assert.Equal(new DateTime(2024, 5, 1, 10, 20, 30, 500, DateTimeKind.Utc), config.Created);
        Assert.Equal(["PATH=/bin", "A=b=c"], config.Env);
        Assert.Equal(["/entry"], config.Entrypoint);
        Assert.Equal(["run"], config.Cmd);
        Assert.Equal("/app", config.WorkingDir);
        Assert.Equal("app", config.User);
        Assert.Equal(["443/tcp", "80/tcp"], config.ExposedPorts);
        Assert.Equal(["/data"], config.Volumes);
        Assert.Equal("v", config.Labels["k"]);
        Assert.Equal(["ADD rootfs", "RUN make"], config.History.Where(h => !h.EmptyLayer).Select(h => h.CreatedBy));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    [InlineData("\"text\"")]
    public void Anything_else_is_no_config(string text) => Assert.Null(ImageConfig.TryParse(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Missing_or_mistyped_fields_read_as_empty()
    {
        var config = ImageConfig.TryParse("""{"os":"linux","config":{"Env":"not a list","Labels":null},"history":"x"}"""u8)!;
        Assert.Null(config.Platform);
        Assert.Empty(config.Env);
        Assert.Empty(config.Labels);
        Assert.Empty(config.History);
    }
}
