using System.Net.Sockets;
using System.Text;
using Orchestrator.WebApi.Edge;

namespace Orchestrator.IntegrationTests.Browser;

/// <summary>
/// The answers Kestrel writes itself, before any middleware runs, for a request it cannot parse: raw bytes on a
/// real socket, since a client library would refuse to send such requests.
/// </summary>
public sealed class RealServerEarlyAnswerTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private static readonly string[] SecurityHeaders =
        ["X-Content-Type-Options", "X-Frame-Options", "Strict-Transport-Security", "X-XSS-Protection", "Referrer-Policy", "Content-Security-Policy", "Cache-Control"];

    [Theory]
    [InlineData("request line too long", 414)]
    [InlineData("headers too large", 431)]
    [InlineData("bad request line", 400)]
    public async Task Kestrels_own_answers_carry_the_security_headers(string request, int status)
    {
        var answers = await ExchangeAsync(BadRequest(request));

        var (answerStatus, headers) = answers.ShouldHaveSingleItem();
        answerStatus.ShouldBe(status);
        ShouldCarryTheSecurityHeadersOnce(headers, request);
    }

    [Fact]
    public async Task A_bad_request_after_a_good_one_on_the_same_connection_gets_them_too()
    {
        var answers = await ExchangeAsync("GET /no-such-route HTTP/1.1\r\nHost: localhost\r\n\r\n" + BadRequest("request line too long"));

        answers.Count.ShouldBe(2);
        answers[0].Status.ShouldBe(404);
        ShouldCarryTheSecurityHeadersOnce(answers[0].Headers, "the application's 404");
        answers[1].Status.ShouldBe(414);
        ShouldCarryTheSecurityHeadersOnce(answers[1].Headers, "Kestrel's 414");
    }

    private static string BadRequest(string kind) => kind switch
    {
        "request line too long" => $"GET /{new string('a', 9_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "headers too large" => $"GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Filler: {new string('a', 33_000)}\r\n\r\n",
        _ => "GET /health/live HTTP/1.1 trailing-garbage\r\nHost: localhost\r\n\r\n",
    };

    private static void ShouldCarryTheSecurityHeadersOnce(List<(string Name, string Value)> headers, string what)
    {
        foreach (var name in SecurityHeaders)
        {
            headers.Count(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ShouldBe(1, $"{what}: {name}");
        }

        headers.Single(h => h.Name == "Content-Security-Policy").Value.ShouldBe(ContentSecurityPolicies.Api);
        headers.Single(h => h.Name == "Cache-Control").Value.ShouldBe("no-store");
        headers.ShouldNotContain(h => h.Name.Equals("Server", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Sends the bytes, reads until the server closes, and splits what came back into answers.</summary>
    private async Task<List<(int Status, List<(string Name, string Value)> Headers)>> ExchangeAsync(string requests)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(factory.BaseAddress.Host, factory.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requests));

        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.CopyToAsync(received, timeout.Token);
        var text = Encoding.ASCII.GetString(received.ToArray());

        var answers = new List<(int, List<(string, string)>)>();
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf("\r\n\r\n", position, StringComparison.Ordinal);
            end.ShouldBeGreaterThan(0, text);
            var lines = text[position..end].Split("\r\n");
            var headers = lines.Skip(1).Select(l => (l[..l.IndexOf(':', StringComparison.Ordinal)], l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
            answers.Add((int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers));
            position = headers.Any(h => h.Item1.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                ? text.IndexOf("\r\n0\r\n\r\n", end, StringComparison.Ordinal) + 7
                : end + 4 + int.Parse(
                    headers.FirstOrDefault(h => h.Item1.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Item2 ?? "0",
                    System.Globalization.CultureInfo.InvariantCulture);
        }

        return answers;
    }
}
