using System.Text;
using Portalcrane.Oci;

namespace Portalcrane.Oci.Tests;

public sealed class ManifestParserTests
{
    private static readonly string ConfigDigest = Digest.Compute(Digest.Sha256, "config"u8).ToString();
    private static readonly string LayerDigest = Digest.Compute(Digest.Sha256, "layer"u8).ToString();
    private static readonly string ChildDigest = Digest.Compute(Digest.Sha256, "child"u8).ToString();

    private static string Image(string? mediaType = MediaTypes.OciManifest, string extra = "") => $$"""
        {
          "schemaVersion": 2,
          {{(mediaType is null ? "" : $"\"mediaType\": \"{mediaType}\",")}}
          "config": { "mediaType": "application/vnd.oci.image.config.v1+json", "digest": "{{ConfigDigest}}", "size": 6 },
          "layers": [ { "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "{{LayerDigest}}", "size": 5 } ]
          {{extra}}
        }
        """;

    private static bool Parse(string json, string? contentType, out ParsedManifest? manifest, out string? error) =>
        ManifestParser.TryParse(Encoding.UTF8.GetBytes(json), contentType, out manifest, out error);

    [Fact]
    public void Reads_an_image_manifest_with_its_config_and_layers()
    {
        Assert.True(Parse(Image(), MediaTypes.OciManifest, out var manifest, out var error), error);
        Assert.False(manifest!.IsIndex);
        Assert.Equal(ConfigDigest, manifest.Config!.Digest.ToString());
        Assert.Equal(LayerDigest, Assert.Single(manifest.Layers).Digest.ToString());
        Assert.Equal("application/vnd.oci.image.config.v1+json", manifest.ArtifactType);
    }

    [Fact]
    public void Reads_an_index_with_platforms()
    {
        var json = $$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.OciIndex}}","manifests":[
              {"mediaType":"{{MediaTypes.OciManifest}}","digest":"{{ChildDigest}}","size":10,"platform":{"os":"linux","architecture":"arm64","variant":"v8"} } ]}
            """;
        Assert.True(Parse(json, MediaTypes.OciIndex, out var manifest, out var error), error);
        Assert.True(manifest!.IsIndex);
        Assert.Equal("linux/arm64/v8", Assert.Single(manifest.Manifests).Platform!.ToString());
    }

    [Fact]
    public void Reads_a_docker_manifest_list()
    {
        var json = $$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.DockerManifestList}}","manifests":[
              {"mediaType":"{{MediaTypes.DockerManifest}}","digest":"{{ChildDigest}}","size":10,"platform":{"os":"linux","architecture":"amd64"} } ]}
            """;
        Assert.True(Parse(json, MediaTypes.DockerManifestList, out var manifest, out var error), error);
        Assert.Equal(MediaTypes.DockerManifestList, manifest!.MediaType);
    }

    [Fact]
    public void Reads_subject_artifact_type_and_annotations()
    {
        var extra = $$""", "artifactType": "application/vnd.example.sbom", "subject": { "mediaType": "{{MediaTypes.OciManifest}}", "digest": "{{ChildDigest}}", "size": 10 }, "annotations": { "org.example": "yes" }""";
        Assert.True(Parse(Image(extra: extra), MediaTypes.OciManifest, out var manifest, out var error), error);
        Assert.Equal(ChildDigest, manifest!.Subject!.Digest.ToString());
        Assert.Equal("application/vnd.example.sbom", manifest.ArtifactType);
        Assert.Equal("yes", manifest.Annotations["org.example"]);
    }

    [Fact]
    public void Takes_the_media_type_from_content_type_when_the_manifest_omits_it()
    {
        Assert.True(Parse(Image(mediaType: null), MediaTypes.DockerManifest, out var manifest, out _));
        Assert.Equal(MediaTypes.DockerManifest, manifest!.MediaType);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"schemaVersion":1,"name":"x","tag":"y","fsLayers":[]}""")]
    [InlineData("""{"mediaType":"application/vnd.oci.image.manifest.v1+json"}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json"}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"text/plain","layers":[]}""")]
    public void Refuses_malformed_manifests(string json) =>
        Assert.False(Parse(json, MediaTypes.OciManifest, out _, out _));

    [Fact]
    public void Refuses_a_media_type_that_contradicts_content_type()
    {
        Assert.False(Parse(Image(), MediaTypes.DockerManifest, out _, out var error));
        Assert.Contains("does not match", error);
    }

    [Theory]
    [InlineData("\"digest\": \"sha256:abc\"")]
    [InlineData("\"digest\": \"md5:d41d8cd98f00b204e9800998ecf8427e\"")]
    [InlineData("\"size\": -1")]
    [InlineData("\"size\": \"5\"")]
    public void Refuses_bad_descriptors(string replacement)
    {
        var json = Image().Replace($"\"digest\": \"{LayerDigest}\"", replacement.StartsWith("\"digest", StringComparison.Ordinal) ? replacement : $"\"digest\": \"{LayerDigest}\"", StringComparison.Ordinal);
        if (!replacement.StartsWith("\"digest", StringComparison.Ordinal))
        {
            json = json.Replace("\"size\": 5", replacement, StringComparison.Ordinal);
        }

        Assert.False(Parse(json, MediaTypes.OciManifest, out _, out var error));
        Assert.Contains("layers[0]", error);
    }

    [Theory]
    [InlineData("application/vnd.oci.image.manifest.v1+json; charset=utf-8", MediaTypes.OciManifest)]
    [InlineData(" Application/JSON ", "application/json")]
    [InlineData(null, null)]
    public void Media_type_of_a_content_type_drops_parameters(string? contentType, string? expected) =>
        Assert.Equal(expected, ManifestParser.MediaTypeOf(contentType));
}
