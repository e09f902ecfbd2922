using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Organizations;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>
/// A leader's video reception slot (视频接访, seed 002): who receives, when, for how long, how many cases, the conferencing link.
/// The video itself runs in the county's conferencing system; the platform keeps the booking and the record.
/// </summary>
public sealed class ReceptionSlot
{
    public const int TextMax = 200;

    public long Id { get; set; }

    /// <summary>The leader's organization (the county, a township).</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    /// <summary>The receiving leader, e.g. "县委副书记 张某".</summary>
    public required string Leader { get; set; }

    public DateTime StartsAt { get; set; }

    public int Minutes { get; set; }

    public int Capacity { get; set; }

    /// <summary>The link of the county's conferencing system.</summary>
    public string? Link { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum BookingStatus
{
    Booked = 0,
    Attended = 1,
    NoShow = 2,
    Cancelled = 3,
}

/// <summary>A case booked into a slot, the petitioner attending from their township; its record (attendees, notes, result) joins the case.</summary>
public sealed class ReceptionBooking
{
    public long Id { get; set; }

    public long SlotId { get; set; }

    public long PetitionId { get; set; }

    /// <summary>The township (or unit) the petitioner attends from.</summary>
    public long FromOrganizationId { get; set; }

    public BookingStatus Status { get; set; }

    public string? Attendees { get; set; }

    public string? Notes { get; set; }

    public string? Result { get; set; }

    public DateTime? RemindedAt { get; set; }

    public required string BookedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class ReceptionConfiguration : IEntityTypeConfiguration<ReceptionSlot>, IEntityTypeConfiguration<ReceptionBooking>
{
    public void Configure(EntityTypeBuilder<ReceptionSlot> b)
    {
        b.HasIndex(x => x.StartsAt);
        b.Property(x => x.Leader).HasMaxLength(ReceptionSlot.TextMax);
        b.Property(x => x.Link).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ReceptionBooking> b)
    {
        b.HasIndex(x => x.SlotId);
        b.HasIndex(x => x.PetitionId);
        b.Property(x => x.Attendees).HasMaxLength(ReceptionSlot.TextMax);
        b.Property(x => x.Notes).HasMaxLength(Petition.TextMax);
        b.Property(x => x.Result).HasMaxLength(Petition.RequestMax);
        b.Property(x => x.BookedBy).HasMaxLength(100);
        b.HasOne<ReceptionSlot>().WithMany().HasForeignKey(x => x.SlotId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record PublishSlot(long OrganizationId, string? Leader, DateTime? StartsAt, int? Minutes, int? Capacity, string? Link);

public sealed record BookSlot(long SlotId, long FromOrganizationId);

public sealed record RecordReception(BookingStatus Status, string? Attendees, string? Notes, string? Result);

public sealed record SlotView(long Id, long OrganizationId, string Organization, string Leader, DateTime StartsAt, int Minutes, int Capacity, int Booked, string? Link);

public sealed record BookingView(long Id, long SlotId, long PetitionId, string Number, string From, BookingStatus Status, string? Attendees, string? Notes, string? Result, string BookedBy);

/// <summary>
/// Video reception: staff publish a leader's slots; a case is booked into a slot (by the petitioner with the tracking code, or by
/// staff for one without a phone), attending from their township; a reminder the day before to that township; the reception is
/// recorded (attended with attendees, notes and result, or a no-show), cancellations kept — each a step of the case, audited.
/// Accusations are not booked (§30: the discipline body talks to the accuser itself).
/// </summary>
public sealed class Receptions(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, PetitionAccess access)
{
    public const string BookingText = "预约视频接访";

    public async Task<ReceptionSlot> PublishAsync(PublishSlot request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.PetitionStaff, "接访安排由信访工作人员发布");
        var leader = (request.Leader ?? string.Empty).Trim();
        var link = (request.Link ?? string.Empty).Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        new FieldErrors()
            .Check(leader.Length is > 0 and <= ReceptionSlot.TextMax, "leader", "请填写接访领导（职务和姓名）")
            .Check(request.StartsAt is { } at && at.ToUniversalTime() > now, "startsAt", "请填写接访时间（晚于现在）")
            .Check(request.Minutes is >= 10 and <= 480, "minutes", "接访时长为 10 到 480 分钟")
            .Check(request.Capacity is >= 1 and <= 50, "capacity", "可接待 1 到 50 件")
            .Check(link.Length == 0 || (link.Length <= 500 && Uri.TryCreate(link, UriKind.Absolute, out _)), "link", "视频会议链接应为完整地址")
            .ThrowIfAny();
        var organization = await scope.OrganizationAsync(request.OrganizationId, ct);
        var slot = new ReceptionSlot
        {
            OrganizationId = organization.Id, Leader = leader, StartsAt = request.StartsAt!.Value.ToUniversalTime(), Minutes = request.Minutes!.Value, Capacity = request.Capacity!.Value,
            Link = link.Length > 0 ? link : null, CreatedBy = scope.UserName ?? "system", CreatedAt = now,
        };
        await using var work = await db.BeginWorkAsync(ct);
        db.ReceptionSlots.Add(slot);
        await db.SaveChangesAsync(ct);
        audit.Record("petition.slot", nameof(ReceptionSlot), slot.Id, organization.Path, new { leader, startsAt = slot.StartsAt, slot.Capacity });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return slot;
    }

    /// <summary>Slots not yet begun with room left, for the petitioner and for staff booking a case.</summary>
    public async Task<IReadOnlyList<SlotView>> OpenAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. (await SlotsAsync(db.ReceptionSlots.Where(s => s.StartsAt > now), ct)).Where(s => s.Booked < s.Capacity)];
    }

    /// <summary>Slots of the caller's scope, upcoming first, with their bookings.</summary>
    public async Task<(IReadOnlyList<SlotView> Slots, IReadOnlyList<BookingView> Bookings)> ListAsync(CancellationToken ct = default)
    {
        scope.User.Require(Policies.PetitionStaff, "接访安排由信访工作人员查看");
        var path = await scope.PathAsync(ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-60);
        var slots = await SlotsAsync(db.ReceptionSlots.Where(s => s.StartsAt > since && s.Organization!.Path.StartsWith(path)), ct);
        var ids = slots.Select(s => s.Id).ToList();
        var bookings = await (from b in db.ReceptionBookings
                              join p in db.Petitions on b.PetitionId equals p.Id
                              join o in db.Organizations on b.FromOrganizationId equals o.Id
                              where ids.Contains(b.SlotId)
                              orderby b.Id
                              select new BookingView(b.Id, b.SlotId, b.PetitionId, p.Number, o.Name, b.Status, b.Attendees, b.Notes, b.Result, b.BookedBy)).ToListAsync(ct);
        return (slots, bookings);
    }

    private async Task<List<SlotView>> SlotsAsync(IQueryable<ReceptionSlot> slots, CancellationToken ct) =>
        await slots.OrderBy(s => s.StartsAt)
            .Select(s => new SlotView(s.Id, s.OrganizationId, s.Organization!.Name, s.Leader, s.StartsAt, s.Minutes, s.Capacity,
                db.ReceptionBookings.Count(b => b.SlotId == s.Id && b.Status != BookingStatus.Cancelled), s.Link))
            .Take(200).ToListAsync(ct);

    /// <summary>Books a case into a slot: staff for a case they can act on; the petitioner through <see cref="PetitionTracking"/>.</summary>
    public async Task<ReceptionBooking> BookAsync(Petition petition, BookSlot request, string bookedBy, CancellationToken ct = default)
    {
        if (petition.Kind == PetitionKind.Accusation)
        {
            throw new RuleViolation("检举控告类信访事项不安排视频接访（信访工作条例第三十条）");
        }
        if (petition.Status is not (PetitionStatus.Registered or PetitionStatus.Accepted or PetitionStatus.InReview))
        {
            throw new RuleViolation("已办结的信访事项不能预约接访");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var slot = await db.ReceptionSlots.FirstOrDefaultAsync(s => s.Id == request.SlotId, ct) ?? throw RuleViolation.Invalid("请选择接访场次", "slotId");
        var from = await PetitionAccess.ReceivingUnits(db).Where(o => o.Id == request.FromOrganizationId && o.Level != OrganizationLevel.CountyCommittee)
            .Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct) ?? throw RuleViolation.Invalid("请选择您就近参加视频接访的乡镇或单位", "fromOrganizationId");
        if (slot.StartsAt <= now)
        {
            throw new RuleViolation("该场次已经开始，请选择其他场次");
        }
        if (await db.ReceptionBookings.AnyAsync(b => b.PetitionId == petition.Id && b.Status == BookingStatus.Booked, ct))
        {
            throw new RuleViolation("该信访事项已有预约，请先取消原预约");
        }
        if (await db.ReceptionBookings.CountAsync(b => b.SlotId == slot.Id && b.Status != BookingStatus.Cancelled, ct) >= slot.Capacity)
        {
            throw new RuleViolation("该场次已约满，请选择其他场次");
        }
        var booking = new ReceptionBooking { SlotId = slot.Id, PetitionId = petition.Id, FromOrganizationId = from.Id, Status = BookingStatus.Booked, BookedBy = bookedBy, CreatedAt = now };
        await using var work = await db.BeginWorkAsync(ct);
        db.ReceptionBookings.Add(booking);
        await db.SaveChangesAsync(ct);
        var path = await db.Organizations.Where(o => o.Id == petition.HandlingOrganizationId).Select(o => o.Path).FirstAsync(ct);
        access.Log(petition, path, "book", $"{BookingText}：{slot.Leader}，{ChinaTime.DateTimeText(slot.StartsAt)}，在{from.Name}参加", shown: true,
            new { slot = slot.Id, from = from.Id }, userName: bookedBy);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return booking;
    }

    public async Task CancelAsync(Petition petition, long bookingId, string by, CancellationToken ct = default)
    {
        var booking = await db.ReceptionBookings.FirstOrDefaultAsync(b => b.Id == bookingId && b.PetitionId == petition.Id, ct) ?? throw RuleViolation.NotFound("预约不存在");
        if (booking.Status != BookingStatus.Booked)
        {
            throw new RuleViolation("只能取消尚未接访的预约");
        }
        booking.Status = BookingStatus.Cancelled;
        var path = await db.Organizations.Where(o => o.Id == petition.HandlingOrganizationId).Select(o => o.Path).FirstAsync(ct);
        access.Log(petition, path, "book-cancel", "取消视频接访预约", shown: true, new { booking = booking.Id }, userName: by);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The reception's record, by staff of the slot's organization: attended (attendees, notes, result) or a no-show.</summary>
    public async Task RecordAsync(long bookingId, RecordReception request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.PetitionStaff, "接访记录由信访工作人员填写");
        var path = await scope.PathAsync(ct);
        var found = await (from b in db.ReceptionBookings
                           join s in db.ReceptionSlots on b.SlotId equals s.Id
                           where b.Id == bookingId && s.Organization!.Path.StartsWith(path)
                           select new { Booking = b, Slot = s }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"预约 {bookingId} 不存在或不在您的管理范围内");
        if (found.Booking.Status != BookingStatus.Booked)
        {
            throw new RuleViolation("该预约已记录或已取消");
        }
        if (found.Slot.StartsAt > clock.GetUtcNow().UtcDateTime)
        {
            throw new RuleViolation("接访开始后才能记录");
        }
        var attendees = (request.Attendees ?? string.Empty).Trim();
        var notes = (request.Notes ?? string.Empty).Trim();
        var result = (request.Result ?? string.Empty).Trim();
        var attended = request.Status == BookingStatus.Attended;
        new FieldErrors()
            .Check(request.Status is BookingStatus.Attended or BookingStatus.NoShow, "status", "请选择已接访或未到场")
            .Check(!attended || attendees.Length is > 0 and <= ReceptionSlot.TextMax, "attendees", "请填写参加人员")
            .Check(!attended || notes.Length is > 0 and <= Petition.TextMax, "notes", "请记录接访情况")
            .Check(result.Length <= Petition.RequestMax, "result", $"接访结果不超过{Petition.RequestMax}字")
            .ThrowIfAny();
        found.Booking.Status = request.Status;
        found.Booking.Attendees = attendees.Length > 0 ? attendees : null;
        found.Booking.Notes = notes.Length > 0 ? notes : null;
        found.Booking.Result = result.Length > 0 ? result : null;
        var petition = await db.Petitions.FirstAsync(p => p.Id == found.Booking.PetitionId, ct);
        var petitionPath = await db.Organizations.Where(o => o.Id == petition.HandlingOrganizationId).Select(o => o.Path).FirstAsync(ct);
        access.Log(petition, petitionPath, "reception", attended
            ? $"{found.Slot.Leader}视频接访（{ChinaTime.DateTimeText(found.Slot.StartsAt)}）" + (result.Length > 0 ? $"：{result}" : string.Empty)
            : $"{found.Slot.Leader}视频接访（{ChinaTime.DateTimeText(found.Slot.StartsAt)}），信访人未到场", shown: true, new { booking = bookingId, status = request.Status.ToString() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Bookings of slots starting within a day not yet reminded: the township the petitioner attends from is told.</summary>
    internal async Task<int> RemindAsync(Notifications.Notifier notifier, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await (from b in db.ReceptionBookings
                         join s in db.ReceptionSlots on b.SlotId equals s.Id
                         join p in db.Petitions on b.PetitionId equals p.Id
                         where b.Status == BookingStatus.Booked && b.RemindedAt == null && s.StartsAt > now && s.StartsAt <= now.AddDays(1)
                         select new { Booking = b, s.Leader, s.StartsAt, p.Number, p.Id }).ToListAsync(ct);
        foreach (var d in due)
        {
            await notifier.NotifyAsync(d.Booking.FromOrganizationId, Policies.PetitionStaff, "Reminder",
                $"视频接访提醒：信访事项{d.Number}，{d.Leader}，{ChinaTime.DateTimeText(d.StartsAt)}，请安排信访人到场", $"/Petitions/Receptions", null, ct);
            d.Booking.RemindedAt = now;
        }
        return due.Count;
    }
}
