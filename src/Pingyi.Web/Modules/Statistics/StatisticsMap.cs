using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Statistics;

/// <summary>
/// The map the board colours: the organizations directly below one (a county's townships) as GeoJSON. The county supplies its
/// own as <c>maps/&lt;organization code&gt;.geojson</c> in the data directory, each feature's <c>name</c> property the
/// organization's name; without one the map is generated — a hexagon per organization in rows, for the demo and until the
/// county's file is in place.
/// </summary>
public sealed class StatisticsMap(PingyiDbContext db, Scope scope, IConfiguration configuration)
{
    public async Task<string> GeoJsonAsync(long? organizationId, CancellationToken ct)
    {
        var (root, children) = await scope.RootAndChildrenAsync(organizationId, ct);
        var code = await db.Organizations.Where(o => o.Id == root.Id).Select(o => o.Code).FirstAsync(ct);
        var supplied = Path.Combine(configuration.DataDirectory(), "maps", $"{code}.geojson");
        if (code.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && File.Exists(supplied))
        {
            return await File.ReadAllTextAsync(supplied, Encoding.UTF8, ct);
        }
        return Generated([.. children.Select(c => c.Name)]);
    }

    /// <summary>Hexagons of 0.1° in rows of up to five, every other row shifted by half a cell, around 115°E 36°N.</summary>
    public static string Generated(IReadOnlyList<string> names)
    {
        const double size = 0.06;
        var width = Math.Sqrt(3) * size;
        var perRow = Math.Max(1, Math.Min(5, (int)Math.Ceiling(Math.Sqrt(names.Count))));
        var features = names.Select((name, i) =>
        {
            var (row, column) = (i / perRow, i % perRow);
            var cx = 115 + column * width + (row % 2 == 1 ? width / 2 : 0);
            var cy = 36 - row * size * 1.5;
            var ring = Enumerable.Range(0, 7).Select(k =>
            {
                var angle = Math.PI / 180 * (60 * (k % 6) - 30);
                return new[] { Math.Round(cx + size * Math.Cos(angle), 6), Math.Round(cy + size * Math.Sin(angle), 6) };
            }).ToArray();
            return new
            {
                type = "Feature",
                properties = new { name },
                geometry = new { type = "Polygon", coordinates = new[] { ring } },
            };
        });
        return JsonSerializer.Serialize(new { type = "FeatureCollection", features });
    }

}
