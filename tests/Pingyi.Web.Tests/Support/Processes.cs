using System.Diagnostics;

namespace Pingyi.Web.Tests.Support;

/// <summary>Runs a program (the pingyi command line, pg_dump, dotnet list) and waits for it, keeping what it wrote.</summary>
public static class Processes
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, IEnumerable<string> args, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? string.Empty };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>The platform's own command line (<c>pingyi VERB …</c>) on a data folder.</summary>
    public static async Task<(int ExitCode, string Output)> PingyiAsync(string dataDirectory, params string[] args)
    {
        var (code, output, errors) = await RunAsync("dotnet",
            [typeof(Program).Assembly.Location, .. args, "--Data:Directory", dataDirectory, "--Logging:LogLevel:Default", "Warning"]);
        return (code, output + errors);
    }
}
