namespace Portalcrane.EndToEnd.Tests.Tools;

/// <summary>What an external command printed and how it ended.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"$ {CommandLine}\nexit code: {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
