using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Tests.Logging.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

public sealed class JsonConsoleLoggerTests
{
    [Fact]
    public void Each_entry_is_one_json_object_per_line_with_the_standard_fields()
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var (_, json) = LogCapture.LogOne(l => l.Log(LogLevel.Warning, new EventId(42, "RoomBlocked"), "Room {Room} blocked", "1204"));

        json.GetProperty("timestamp").GetString().ShouldBe("2026-11-22T09:30:15.25Z");
        json.GetProperty("level").GetString().ShouldBe("Warning");
        json.GetProperty("category").GetString().ShouldBe("Tartware.Tests");
        json.GetProperty("eventId").GetInt32().ShouldBe(42);
        json.GetProperty("eventName").GetString().ShouldBe("RoomBlocked");
        json.Message().ShouldBe("Room 1204 blocked");
        json.GetProperty("template").GetString().ShouldBe("Room {Room} blocked");
        json.Property("Room").ShouldBe("1204");
        json.GetProperty("traceId").GetString().ShouldBe(activity.TraceId.ToHexString());
        json.GetProperty("spanId").GetString().ShouldBe(activity.SpanId.ToHexString());
    }

    [Fact]
    public void Line_breaks_and_quotes_in_values_cannot_forge_a_second_line()
    {
        using var capture = new LogCapture();
        capture.Logger().LogInformation("Comment {Comment}", "nice stay\n{\"level\":\"Critical\",\"message\":\"forged\"}");
        var lines = capture.Flush();

        lines.Count.ShouldBe(1);
        LogJson.Parse(lines[0]).Property("Comment").ShouldStartWith("nice stay\n");
    }

    [Fact]
    public void Levels_follow_the_standard_Logging_LogLevel_configuration()
    {
        using var capture = new LogCapture(settings: new()
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Tartware.Chatty"] = "Debug",
        });
        capture.Logger("Tartware.Quiet").LogInformation("hidden");
        capture.Logger("Tartware.Quiet").LogWarning("shown");
        capture.Logger("Tartware.Chatty").LogDebug("shown too");
        capture.Logger("Tartware.Chatty").LogTrace("hidden");

        capture.Flush().Select(l => LogJson.Parse(l).Message()).ShouldBe(["shown", "shown too"]);
    }

    [Fact]
    public void Disposing_the_container_flushes_every_queued_line()
    {
        using var capture = new LogCapture();
        var logger = capture.Logger();
        for (var i = 0; i < 500; i++)
        {
            logger.LogInformation("Line {Index}", i);
        }

        var lines = capture.Flush();
        lines.Count.ShouldBe(500);
        LogJson.Parse(lines[^1]).Property("Index").ShouldBe("499");
    }
}
