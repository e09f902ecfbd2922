using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.OpenAffairs;

/// <summary>A power of the micro-power list added (<see cref="Id"/> null) or changed: number, name, category, procedure, basis, whether it needs the decision procedure, retired.</summary>
public sealed record SaveMicroPower(long? Id, int Number, string? Name, string? Category, string? Procedure, string? Basis, bool NeedsDecision, bool Retired = false);

/// <summary>Keeps the county's micro-power list (小微权力清单): the organization department adds, rewords or retires a power; numbers unique; audited.</summary>
public sealed class SaveMicroPowerHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public async Task<MicroPower> HandleAsync(SaveMicroPower request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.PowerListKeepers, "小微权力清单由县委组织部维护");
        var name = (request.Name ?? string.Empty).Trim();
        var category = (request.Category ?? string.Empty).Trim();
        var procedure = (request.Procedure ?? string.Empty).Trim();
        var basis = string.IsNullOrWhiteSpace(request.Basis) ? null : request.Basis.Trim();
        new FieldErrors()
            .Check(request.Number is >= 1 and <= 999, "number", "序号应在 1 至 999 之间")
            .Check(name.Length is > 0 and <= MicroPower.NameMax, "name", $"请填写权力事项名称（不超过{MicroPower.NameMax}字）")
            .Check(category.Length is > 0 and <= MicroPower.CategoryMax, "category", $"请填写类别，如重大事项决策、财务管理、便民服务（不超过{MicroPower.CategoryMax}字）")
            .Check(procedure.Length is > 0 and <= MicroPower.ProcedureMax, "procedure", $"请填写运行流程（不超过{MicroPower.ProcedureMax}字）")
            .Check(basis is null || basis.Length <= MicroPower.BasisMax, "basis", $"依据不超过{MicroPower.BasisMax}字")
            .ThrowIfAny();
        var root = await scope.OrganizationAsync(scope.OrganizationId ?? 0, ct);
        if (root.ParentId is not null)
        {
            throw RuleViolation.Forbidden("小微权力清单由县委组织部维护");
        }
        MicroPower power;
        if (request.Id is { } id)
        {
            power = await db.MicroPowers.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw RuleViolation.NotFound("小微权力清单中没有这一项");
        }
        else
        {
            power = new MicroPower { Name = name, Category = category, Procedure = procedure };
            db.MicroPowers.Add(power);
        }
        if (await db.MicroPowers.AnyAsync(p => p.Number == request.Number && p.Id != power.Id, ct))
        {
            throw RuleViolation.Invalid($"序号 {request.Number} 已用于另一项权力", "number");
        }
        var before = request.Id is null ? null : new { power.Number, power.Name, power.Category, power.Procedure, power.Basis, power.NeedsDecision, power.Retired };
        power.Number = request.Number;
        power.Name = name;
        power.Category = category;
        power.Procedure = procedure;
        power.Basis = basis;
        power.NeedsDecision = request.NeedsDecision;
        power.Retired = request.Retired;
        power.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record(request.Id is null ? "openaffairs.power.add" : "openaffairs.power.update", nameof(MicroPower), power.Id, root.Path,
            new { number = power.Number, name, category, procedure, basis, needsDecision = power.NeedsDecision, retired = power.Retired, before });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return power;
    }
}
