using System.Globalization;
using System.Text;

namespace Portalcrane.EndToEnd.Tests.Servers;

/// <summary>The interleaved stdout and stderr lines of a server, over all its restarts, for failure messages.</summary>
public sealed class ProcessLog
{
    private const int MaxChars = 64 * 1024;
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _text.Append(DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ').Append(stream).Append(": ").AppendLine(line);
        }
    }

    /// <summary>The log, cut to its last 64 KiB (the end is where a failure shows).</summary>
    public override string ToString()
    {
        lock (_lock)
        {
            return _text.Length <= MaxChars
                ? _text.ToString()
                : "[...]\n" + _text.ToString(_text.Length - MaxChars, MaxChars);
        }
    }
}
