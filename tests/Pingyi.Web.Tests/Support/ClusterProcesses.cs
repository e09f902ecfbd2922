using System.Diagnostics;
using System.Net.Sockets;

namespace Pingyi.Web.Tests.Support;

/// <summary>A program of Debian's (redis-server, nginx) run on a loopback port for one test and removed afterwards.</summary>
public abstract class LoopbackService : IAsyncDisposable
{
    private readonly List<string> _output = [];
    private Process? _process;

    protected LoopbackService()
    {
        Port = HostProcess.FreePort();
        Folder = Directory.CreateTempSubdirectory("pingyi-svc-").FullName;
        // nginx's workers run as nobody when the test runs as root: they must be able to write their temporary files.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Folder, (UnixFileMode)0b111_111_111);
        }
    }

    public int Port { get; }

    protected string Folder { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(40));
            }
        }
    }

    /// <summary>Finds the program in the usual places (Debian puts nginx in /usr/sbin, outside a normal user's PATH).</summary>
    protected internal static string Program(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed: the test command installs it from Debian (test.sh).");

    protected async Task StartAsync(string program, params string[] arguments)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{program} exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"{program} did not listen on {Port}:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null; // a test may stop a service early (a replica that goes away); the using's dispose then finds it gone
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>redis-server without persistence on a loopback port.</summary>
public sealed class RedisServer : LoopbackService
{
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var redis = new RedisServer();
        await redis.StartAsync(Program("redis-server"), "--port", redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--dir", redis.Folder);
        return redis;
    }
}

/// <summary>nginx in front of the nodes, with the shipped proxy configuration (deploy/nginx) and round-robin over the nodes.</summary>
public sealed class NginxProxy : LoopbackService
{
    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static async Task<NginxProxy> StartAsync(IEnumerable<Uri> nodes)
    {
        var nginx = new NginxProxy();
        var deploy = Path.Combine(Repository.Root, "deploy", "nginx");
        var config = Path.Combine(nginx.Folder, "nginx.conf");
        File.WriteAllText(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{nginx.Folder}}/nginx.pid;
            error_log stderr warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{nginx.Folder}}/body;
                proxy_temp_path {{nginx.Folder}}/proxy;
                fastcgi_temp_path {{nginx.Folder}}/fastcgi;
                uwsgi_temp_path {{nginx.Folder}}/uwsgi;
                scgi_temp_path {{nginx.Folder}}/scgi;
                include {{deploy}}/pingyi-http.conf;
                upstream pingyi {
            {{string.Join("\n", nodes.Select(n => $"        server {n.Host}:{n.Port};"))}}
                    keepalive 32;
                }
                server {
                    listen 127.0.0.1:{{nginx.Port}};
                    include {{deploy}}/pingyi-proxy.conf;
                }
            }
            """);
        await nginx.StartAsync(Program("nginx"), "-p", nginx.Folder, "-c", config, "-e", "stderr");
        return nginx;
    }
}

/// <summary>
/// A PostgreSQL server of Debian's on a loopback port, its own cluster in a temporary folder: a primary (streaming replication
/// allowed, as initdb's defaults do for loopback), or a streaming replica of one made by pg_basebackup -R. Run as the postgres
/// user when the tests run as root (PostgreSQL refuses root).
/// </summary>
public sealed class PostgresServer : LoopbackService
{
    private string Data => Path.Combine(Folder, "data");

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=pingyi;Database={database}";

    public static async Task<PostgresServer> StartPrimaryAsync()
    {
        var server = new PostgresServer();
        await server.RunAsync("initdb", "-D", server.Data, "-U", "pingyi", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        await server.StartServerAsync();
        return server;
    }

    public static async Task<PostgresServer> StartReplicaAsync(PostgresServer primary)
    {
        var server = new PostgresServer();
        await server.RunAsync("pg_basebackup", "-h", "127.0.0.1", "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "pingyi",
            "-D", server.Data, "-R", "-X", "stream", "-c", "fast");
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Runs one statement on <paramref name="database"/> and returns the first column of the first row.</summary>
    public Task<object?> ExecuteAsync(string sql, string database = "postgres") => ExecuteOnAsync(ConnectionString(database), sql);

    /// <summary>One statement on its own unpooled connection (a server a test starts and kills): the first column of the first row.</summary>
    internal static async Task<object?> ExecuteOnAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    internal static string Bin(string program) =>
        Path.Combine(Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed: the test command installs it from Debian (test.sh)."), "bin", program);

    private static bool AsRoot => Environment.UserName == "root";

    /// <summary>A PostgreSQL program (or pg_autoctl) as the postgres user when the tests run as root, with PostgreSQL's programs on the PATH.</summary>
    internal static (string Program, string[] Arguments) As(string program, string[] arguments, params string[] environment)
    {
        string[] env = ["PATH=" + Path.GetDirectoryName(Bin("postgres")) + ":/usr/bin:/bin", .. environment];
        var path = File.Exists(Bin(program)) ? Bin(program) : Program(program);
        return AsRoot ? (Program("runuser"), ["-u", "postgres", "--", "env", .. env, path, .. arguments]) : ("env", [.. env, path, .. arguments]);
    }

    private Task StartServerAsync()
    {
        var (program, arguments) = As("postgres", ["-D", Data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-h", "127.0.0.1",
            "-k", Folder, "-c", "fsync=off", "-c", "max_connections=100", "-c", "wal_level=replica", "-c", "max_wal_senders=5"]);
        return StartThenAcceptAsync(program, arguments);
    }

    /// <summary>The port opens before the server accepts queries (it may still be starting up or recovering): wait for both.</summary>
    private async Task StartThenAcceptAsync(string program, string[] arguments)
    {
        await StartAsync(program, arguments);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await ExecuteAsync("SELECT 1");
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == "57P03" && watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    private Task RunAsync(string program, params string[] arguments) => RunAsync(Folder, program, arguments);

    /// <summary>Runs a PostgreSQL program to its end (initdb, pg_basebackup, pg_autoctl create) and fails with its output if it fails.</summary>
    internal static async Task RunAsync(string folder, string program, string[] arguments, params string[] environment)
    {
        var (file, args) = As(program, arguments, environment);
        var (code, output, errors) = await Processes.RunAsync(file, args, folder);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} exited with {code}:\n{output}\n{errors}");
        }
    }
}

/// <summary>
/// pg_auto_failover of Debian's on loopback: a monitor, and PostgreSQL nodes it watches — the first the primary, the next its
/// synchronous standby — each run by its own pg_autoctl. The monitor's health checks are shortened (every 2 s, unhealthy after
/// 5 s, demotion given up after 5 s) so that a failover takes seconds, not the minute of the defaults.
/// </summary>
public sealed class AutoFailover : LoopbackService
{
    private int _nodes;

    private string Data => Path.Combine(Folder, "data");

    private string[] Environment => ["HOME=" + Folder, "XDG_CONFIG_HOME=" + Path.Combine(Folder, "config"), "XDG_DATA_HOME=" + Path.Combine(Folder, "share")];

    private string MonitorUri => $"postgres://autoctl_node@127.0.0.1:{Port}/pg_auto_failover?sslmode=disable";

    public static async Task<AutoFailover> StartMonitorAsync()
    {
        var monitor = new AutoFailover();
        await PostgresServer.RunAsync(monitor.Folder, "pg_autoctl", ["create", "monitor", "--pgdata", monitor.Data, "--pgport", Invariant(monitor.Port),
            "--hostname", "127.0.0.1", "--auth", "trust", "--no-ssl"], monitor.Environment);
        File.AppendAllText(Path.Combine(monitor.Data, "postgresql.conf"), """

            pgautofailover.health_check_period = 2000
            pgautofailover.health_check_timeout = 2000
            pgautofailover.health_check_max_retries = 1
            pgautofailover.health_check_retry_delay = 1000
            pgautofailover.node_considered_unhealthy_timeout = 5000
            pgautofailover.primary_demote_timeout = 5000
            fsync = off

            """);
        var (program, arguments) = PostgresServer.As("pg_autoctl", ["run", "--pgdata", monitor.Data], monitor.Environment);
        await monitor.StartAsync(program, arguments);
        return monitor;
    }

    /// <summary>A node registered with this monitor, its own pg_autoctl process; started once the monitor has assigned it <paramref name="state"/>.</summary>
    public async Task<Node> StartNodeAsync(string state)
    {
        var node = new Node(++_nodes);
        var (program, arguments) = PostgresServer.As("pg_autoctl", ["create", "postgres", "--pgdata", node.Data, "--pgport", Invariant(node.Port), "--hostname", "127.0.0.1",
            "--name", node.Name, "--monitor", MonitorUri, "--auth", "trust", "--no-ssl", "--pg-hba-lan", "--run"], node.Environment);
        await node.StartAsync(program, arguments);
        await UntilAsync(async () => await StateAsync(node.Name) == (state, state), $"{node.Name} becomes {state}", () => node.Output);
        return node;
    }

    /// <summary>The state a node reports and the one the monitor assigned it.</summary>
    public async Task<(string Reported, string Assigned)> StateAsync(string name)
    {
        await using var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=autoctl_node;Database=pg_auto_failover;Pooling=false");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT reportedstate::text, goalstate::text FROM pgautofailover.node WHERE nodename = $1", connection);
        command.Parameters.AddWithValue(name);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetString(1)) : ("(none)", "(none)");
    }

    /// <summary>Waits up to 90 s for <paramref name="condition"/>; else fails with the monitor's output and <paramref name="more"/>.</summary>
    public Task UntilAsync(Func<Task<bool>> condition, string what, Func<string>? more = null) =>
        Eventually.UntilAsync(condition, what, TimeSpan.FromSeconds(90), () => $"monitor:\n{Output}\n{more?.Invoke()}");

    private static string Invariant(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One PostgreSQL node of the formation (its pg_autoctl with its postgres); disposing it kills them all at once, like a machine that dies.</summary>
    public sealed class Node(int number) : LoopbackService
    {
        public string Name { get; } = $"node_{number}";

        internal string Data => Path.Combine(Folder, "data");

        internal string[] Environment => ["HOME=" + Folder, "XDG_CONFIG_HOME=" + Path.Combine(Folder, "config"), "XDG_DATA_HOME=" + Path.Combine(Folder, "share")];

        public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

        public Task<object?> ExecuteAsync(string sql) => PostgresServer.ExecuteOnAsync(ConnectionString("postgres"), sql);

        public new Task StartAsync(string program, params string[] arguments) => base.StartAsync(program, arguments);
    }
}

/// <summary>Waiting for a state a test cannot signal on: the condition polled until it holds, else a failure that says what and shows why.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan within, Func<string> why)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > within)
            {
                throw new TimeoutException($"{what}: not within {within.TotalSeconds:0} s\n{why()}");
            }
            await Task.Delay(100);
        }
    }
}
