using Microsoft.Playwright;

namespace Orchestrator.IntegrationTests.Browser;

/// <summary>
/// Collects Content-Security-Policy violations of a page in two independent ways: the console messages
/// Chromium prints for them ("Refused to ...") and the DOM's <c>securitypolicyviolation</c> events.
/// </summary>
public sealed class CspViolationRecorder
{
    private const string ListenerScript = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));
        """;

    private readonly List<string> _consoleMessages = [];

    private CspViolationRecorder()
    {
    }

    public IReadOnlyList<string> ConsoleMessages => _consoleMessages;

    public static async Task<CspViolationRecorder> AttachAsync(IPage page)
    {
        var recorder = new CspViolationRecorder();
        page.Console += (_, message) =>
        {
            lock (recorder._consoleMessages)
            {
                recorder._consoleMessages.Add($"{message.Type}: {message.Text}");
            }
        };
        await page.AddInitScriptAsync(ListenerScript);
        return recorder;
    }

    /// <summary>Every violation seen so far, from the console and from the DOM events.</summary>
    public async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var events = await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
        lock (_consoleMessages)
        {
            return
            [
                .. _consoleMessages.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                    || m.Contains("Refused to", StringComparison.Ordinal)),
                .. events,
            ];
        }
    }
}
