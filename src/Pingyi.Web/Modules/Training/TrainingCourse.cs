using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Training;

/// <summary>The kinds of training and study the seeds name (轮训): party school, remote education, lectures taken to the villages, study tours, the county lecture hall, reading campaigns.</summary>
public enum CourseKind
{
    PartySchool = 0,
    RemoteEducation = 1,
    OnSiteLecture = 2,
    StudyTour = 3,
    LectureHall = 4,
    ReadingCampaign = 5,
}

/// <summary>A course or study activity with its organizer, dates, place, teachers and class hours; its attendance is imported or entered.</summary>
public sealed class TrainingCourse
{
    public const int TitleMax = 100;

    public const int TextMax = 200;

    public long Id { get; set; }

    public required string Title { get; set; }

    public CourseKind Kind { get; set; }

    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public DateOnly StartOn { get; set; }

    public DateOnly EndOn { get; set; }

    public string? Place { get; set; }

    public string? Teachers { get; set; }

    /// <summary>Class hours (学时) of the whole course: what an attendee is credited unless the import says otherwise.</summary>
    public decimal Hours { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One person's attendance of a course, with the hours credited.</summary>
public sealed class TrainingAttendance
{
    public long Id { get; set; }

    public long CourseId { get; set; }

    public long PersonId { get; set; }

    public decimal Hours { get; set; }
}

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<TrainingCourse>, IEntityTypeConfiguration<TrainingAttendance>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> b)
    {
        b.Property(x => x.Title).HasMaxLength(TrainingCourse.TitleMax);
        b.Property(x => x.Place).HasMaxLength(TrainingCourse.TextMax);
        b.Property(x => x.Teachers).HasMaxLength(TrainingCourse.TextMax);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Hours).HasPrecision(6, 1);
        b.HasIndex(x => x.StartOn);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<TrainingAttendance> b)
    {
        b.Property(x => x.Hours).HasPrecision(6, 1);
        b.HasIndex(x => new { x.CourseId, x.PersonId }).IsUnique();
        b.HasIndex(x => x.PersonId);
        b.HasOne<TrainingCourse>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The Chinese names of course kinds (one source; pages localize them).</summary>
public static class TrainingText
{
    public static string Kind(CourseKind kind) => kind switch
    {
        CourseKind.PartySchool => "党校培训",
        CourseKind.RemoteEducation => "远程教育",
        CourseKind.OnSiteLecture => "送课下乡",
        CourseKind.StudyTour => "外出考察",
        CourseKind.LectureHall => "大讲堂",
        _ => "读书征文",
    };
}
