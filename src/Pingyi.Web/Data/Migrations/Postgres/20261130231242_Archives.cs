using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Archives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReporterId",
                table: "RaterCodes",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ArchivePlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HostOrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Combination = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Missing = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchivePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArchivePlans_organizations_HostOrganizationId",
                        column: x => x.HostOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArchiveQuarters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeetingId = table.Column<long>(type: "bigint", nullable: false),
                    HostOrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    SchemeId = table.Column<long>(type: "bigint", nullable: false),
                    SchemeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchiveQuarters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArchiveQuarters_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArchiveQuarters_organizations_HostOrganizationId",
                        column: x => x.HostOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArchiveScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArchiveQuarterId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    HostOrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Score = table.Column<decimal>(type: "numeric", nullable: true),
                    Grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: true),
                    SchemeId = table.Column<long>(type: "bigint", nullable: false),
                    SchemeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    MeetingId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchiveScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArchiveScores_ArchiveQuarters_ArchiveQuarterId",
                        column: x => x.ArchiveQuarterId,
                        principalTable: "ArchiveQuarters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArchiveScores_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArchiveScores_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArchivePlans_HostOrganizationId_Kind_Year",
                table: "ArchivePlans",
                columns: new[] { "HostOrganizationId", "Kind", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveQuarters_HostOrganizationId_Kind_Year_Quarter",
                table: "ArchiveQuarters",
                columns: new[] { "HostOrganizationId", "Kind", "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveQuarters_MeetingId",
                table: "ArchiveQuarters",
                column: "MeetingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveScores_ArchiveQuarterId_OrganizationId_PersonId",
                table: "ArchiveScores",
                columns: new[] { "ArchiveQuarterId", "OrganizationId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveScores_Kind_Year_Quarter",
                table: "ArchiveScores",
                columns: new[] { "Kind", "Year", "Quarter" });

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveScores_OrganizationId",
                table: "ArchiveScores",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveScores_PersonId",
                table: "ArchiveScores",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArchivePlans");

            migrationBuilder.DropTable(
                name: "ArchiveScores");

            migrationBuilder.DropTable(
                name: "ArchiveQuarters");

            migrationBuilder.DropColumn(
                name: "ReporterId",
                table: "RaterCodes");
        }
    }
}
