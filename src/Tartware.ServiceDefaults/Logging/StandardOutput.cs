using System.Text;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// The process's stdout for log lines: the one place in ServiceDefaults allowed to touch the console (see
/// <c>NoConsoleOutputTests</c>). Buffered and flushed by <see cref="LogLineQueue"/> after each batch, UTF-8
/// without BOM, <c>\n</c> line ends so collectors see one JSON object per line on every OS.
/// </summary>
internal static class StandardOutput
{
    public static TextWriter Open() =>
        new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024)
        {
            AutoFlush = false,
            NewLine = "\n",
        };
}
