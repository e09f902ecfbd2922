using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pingyi.Web.Tests.Support;

/// <summary>
/// The platform as its own operating-system process (<c>dotnet pingyi.dll</c>) on a loopback port, serving the database
/// of a <see cref="TestApp"/> whose in-process host was stopped, so that a test can kill it with SIGKILL and start it again.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Queue<string> _tail = new();
    private Process? _process;

    public HostProcess(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        Port = FreePort();
        Address = new Uri($"http://127.0.0.1:{Port}");
    }

    public int Port { get; }

    public Uri Address { get; }

    /// <summary>The running host's resident memory in MB (Linux /proc), or null when it is not running.</summary>
    public double? ResidentMegabytes
    {
        get
        {
            try
            {
                var line = _process is { HasExited: false } p ? File.ReadLines($"/proc/{p.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
                return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>CPU seconds (user and system) the running host has used (Linux /proc), or null when it is not running.</summary>
    public double? CpuSeconds
    {
        get
        {
            try
            {
                if (_process is not { HasExited: false } p)
                {
                    return null;
                }
                // Fields 14 and 15 of /proc/PID/stat, in clock ticks (100 a second), after the command name in parentheses.
                var stat = File.ReadAllText($"/proc/{p.Id}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>Seconds from each start to healthy.</summary>
    public List<double> Starts { get; } = [];

    /// <summary>How many times the process was killed.</summary>
    public int Kills { get; private set; }

    /// <summary>The last lines the host wrote, for a failure's message.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>Starts the host and waits until <c>/healthz</c> answers Healthy (at most a minute).</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The host is already running");
        }
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pingyi.dll"));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(Address.ToString().TrimEnd('/'));
        psi.ArgumentList.Add("--environment");
        psi.ArgumentList.Add("Testing");
        psi.ArgumentList.Add("--Logging:LogLevel:Default");
        psi.ArgumentList.Add("Warning");
        foreach (var (key, value) in _settings)
        {
            psi.ArgumentList.Add("--" + key);
            psi.ArgumentList.Add(value);
        }
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {process.ExitCode} while starting:\n{Tail}");
            }
            try
            {
                if (await http.GetStringAsync("/healthz") == "Healthy")
                {
                    Starts.Add(watch.Elapsed.TotalSeconds);
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"The host did not become healthy within a minute:\n{Tail}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks — what a power cut or the kernel's OOM killer does to the process.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
        Kills++;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 400)
            {
                _tail.Dequeue();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
