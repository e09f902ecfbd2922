using System.Diagnostics;
using System.Globalization;
using System.Text;
using ExcelDataReader;
using MiniExcelLibs;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Bench;

/// <summary>
/// The hand-written XLSX reader (TableReader) against two libraries doing the same job: every row of the
/// first sheet as cell texts, dates as yyyy-MM-dd, numbers as invariant text, booleans as TRUE/FALSE.
/// Each reader runs in its own process so its peak memory is its own; the driver alternates them.
///   readxlsx platform|exceldatareader|miniexcel FILE [dump]   one read; "dump" prints the cells instead
///   excelreaders FILE [ROUNDS]                            all three, ROUNDS each after a warm-up round
///                                                         (FILE is written as a 100,000-row roster if missing)
/// </summary>
internal static class ExcelReadersBench
{
    private static readonly string[] Readers = ["platform", "exceldatareader", "miniexcel"];

    public static int ReadOne(string reader, string file, bool dump)
    {
        var watch = Stopwatch.StartNew();
        var rows = reader switch
        {
            "platform" => ReadPlatform(file),
            "exceldatareader" => ReadExcelDataReader(file),
            "miniexcel" => ReadMiniExcel(file),
            _ => null,
        };
        if (rows is null)
        {
            Console.Error.WriteLine("usage: readxlsx platform|exceldatareader|miniexcel FILE [dump]");
            return 2;
        }
        long count = 0, chars = 0;
        var hash = 14695981039346656037UL;
        foreach (var (number, cells) in rows)
        {
            count++;
            if (dump)
            {
                Console.WriteLine($"{number}: " + string.Join(" | ", cells.Select((c, i) => c is null ? null : $"{TableWriter.ColumnName(i)}={c}").OfType<string>()));
            }
            var any = false;
            for (var i = 0; i < cells.Length; i++)
            {
                if (string.IsNullOrEmpty(cells[i]))
                {
                    continue;
                }
                any = true;
                chars += cells[i]!.Length;
                hash = Fnv(hash, (char)i);
                foreach (var c in cells[i]!)
                {
                    hash = Fnv(hash, c);
                }
            }
            if (any)
            {
                hash = Fnv(hash, '\n');
            }
        }
        var elapsed = watch.Elapsed;
        if (!dump)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT {reader} {elapsed.TotalSeconds:F3} s, peak {PeakMegabytes()} MB, allocated {GC.GetTotalAllocatedBytes() / 1024 / 1024} MB, {count} rows, {chars} chars, hash {hash:x16}"));
        }
        return 0;

        static ulong Fnv(ulong hash, char c) => (hash ^ c) * 1099511628211UL;
    }

    private static IEnumerable<(int Number, string?[] Cells)> ReadPlatform(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = TableReader.Open(stream, file);
        foreach (var row in reader.Rows())
        {
            yield return (row.Number, row.Cells);
        }
    }

    private static IEnumerable<(int Number, string?[] Cells)> ReadExcelDataReader(string file)
    {
        // ExcelDataReader asks for code page 1252 on .NET Core even for .xlsx.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(file);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var number = 0;
        while (reader.Read())
        {
            var cells = new string?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Text(reader.GetValue(i));
            }
            yield return (++number, cells);
        }
    }

    private static IEnumerable<(int Number, string?[] Cells)> ReadMiniExcel(string file)
    {
        using var stream = File.OpenRead(file);
        var number = 0;
        // Rows come as dictionaries keyed by column letter, in column order.
        foreach (var row in (IEnumerable<object>)stream.Query(useHeaderRow: false))
        {
            var values = ((IDictionary<string, object?>)row).Values;
            var cells = new string?[values.Count];
            var i = 0;
            foreach (var value in values)
            {
                cells[i++] = Text(value);
            }
            yield return (++number, cells);
        }
    }

    // The hand-written reader's conventions: dates by style as yyyy-MM-dd, numbers as written, booleans TRUE/FALSE.
    private static string? Text(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        double x => x.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static long PeakMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public static void Compare(string file, int rounds, Action<string, int> writeRoster)
    {
        if (!File.Exists(file))
        {
            writeRoster(file, 100_000);
        }
        var dll = typeof(ExcelReadersBench).Assembly.Location;
        var results = Readers.ToDictionary(r => r, _ => new List<(double Seconds, long PeakMb, long AllocatedMb, string Content)>());
        Console.WriteLine($"# XLSX readers on {file} ({new FileInfo(file).Length / 1024.0 / 1024.0:F1} MB), {rounds} rounds after a warm-up round, each read in its own process, {Environment.ProcessorCount} cores");
        for (var round = -1; round < rounds; round++)
        {
            // The order turns each round so no reader always runs first.
            for (var k = 0; k < Readers.Length; k++)
            {
                var reader = Readers[(k + Math.Max(round, 0)) % Readers.Length];
                var line = RunChild(dll, reader, file);
                if (round >= 0)
                {
                    // "RESULT hand 1.234 s, peak 56 MB, allocated 789 MB, 100001 rows, 123 chars, hash …"
                    var parts = line.Split(' ');
                    results[reader].Add((double.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[5], CultureInfo.InvariantCulture),
                        long.Parse(parts[8], CultureInfo.InvariantCulture), string.Join(' ', parts[10..])));
                }
            }
        }
        Console.WriteLine("reader            time min / median s   peak min / median MB   allocated MB   content");
        foreach (var reader in Readers)
        {
            var runs = results[reader];
            Console.WriteLine(FormattableString.Invariant(
                $"{reader,-16}  {runs.Min(r => r.Seconds),8:F3} / {Median(runs.Select(r => r.Seconds)),-8:F3}   {runs.Min(r => r.PeakMb),8} / {Median(runs.Select(r => (double)r.PeakMb)),-8:F0}   {Median(runs.Select(r => (double)r.AllocatedMb)),10:F0}   {string.Join("; ", runs.Select(r => r.Content).Distinct())}"));
        }
        var libraries = Readers.Where(r => r != "platform").ToList();
        var platform = results["platform"];
        var fastest = libraries.MinBy(r => Median(results[r].Select(x => x.Seconds)))!;
        var leanest = libraries.MinBy(r => Median(results[r].Select(x => (double)x.PeakMb)))!;
        Console.WriteLine(FormattableString.Invariant(
            $"platform / fastest library ({fastest}), median time: {Median(platform.Select(x => x.Seconds)) / Median(results[fastest].Select(x => x.Seconds)):F2}"));
        Console.WriteLine(FormattableString.Invariant(
            $"platform / leanest library ({leanest}), median peak: {Median(platform.Select(x => (double)x.PeakMb)) / Median(results[leanest].Select(x => (double)x.PeakMb)):F2}"));

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    private static string RunChild(string dll, string reader, string file)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath is { } self && self.EndsWith("dotnet", StringComparison.Ordinal) ? self : "dotnet") { RedirectStandardOutput = true };
        foreach (var a in new[] { dll, "readxlsx", reader, file })
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"readxlsx {reader} printed no result (exit {process.ExitCode})");
    }
}
