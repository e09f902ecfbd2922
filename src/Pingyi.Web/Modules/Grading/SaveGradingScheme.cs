using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Grading;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Grading;

public sealed record SaveGradingScheme(string Name, string? Note, GradingRules Rules);

/// <summary>A new version of the grading scheme; versions already written never change.</summary>
public sealed class SaveGradingSchemeHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public async Task<GradingSchemeView> HandleAsync(SaveGradingScheme request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Graders, "只有组织部门可以修订定级方案");
        return await AddVersionAsync(request, ct);
    }

    /// <summary>The version without asking who: the platform's first version at startup and the demo call it.</summary>
    internal async Task<GradingSchemeView> AddVersionAsync(SaveGradingScheme request, CancellationToken ct = default)
    {
        var name = (request.Name ?? string.Empty).Trim();
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var errors = new FieldErrors()
            .Check(name.Length is > 0 and <= GradingScheme.NameMax, "name", $"请填写方案名称（不超过{GradingScheme.NameMax}字）")
            .Check((note?.Length ?? 0) <= GradingScheme.NoteMax, "note", $"修订说明不超过{GradingScheme.NoteMax}字");
        if (request.Rules is null)
        {
            errors.Add("rules", "请填写定级规则");
        }
        else
        {
            foreach (var e in request.Rules.ValidateFields())
            {
                errors.Add(e.Field, e.Message);
            }
        }
        errors.ThrowIfAny();
        await using var work = await db.BeginWorkAsync(ct);
        var version = (await db.GradingSchemes.MaxAsync(s => (int?)s.Version, ct) ?? 0) + 1;
        var scheme = new GradingScheme
        {
            Version = version, Name = name, Note = note, RulesJson = GradingScheme.Serialize(request.Rules!),
            UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.GradingSchemes.Add(scheme);
        await db.SaveChangesAsync(ct);
        audit.Record("grading.scheme", nameof(GradingScheme), scheme.Id, "/", new { version, name, note, rules = request.Rules });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return GradingSchemeView.Of(scheme);
    }
}
