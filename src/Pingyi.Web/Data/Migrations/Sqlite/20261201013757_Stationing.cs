using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Stationing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StationAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    SentByOrganizationId = table.Column<long>(type: "INTEGER", nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StationAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StationAssignments_organizations_SentByOrganizationId",
                        column: x => x.SentByOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StationAssignments_organizations_VillageOrganizationId",
                        column: x => x.VillageOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StationAssignments_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StationCheckIns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssignmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysInVillage = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StationCheckIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StationCheckIns_StationAssignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "StationAssignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StationEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssignmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Beneficiaries = table.Column<int>(type: "INTEGER", nullable: true),
                    EvidenceFile = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EvidenceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EvidenceSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StationEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StationEntries_StationAssignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "StationAssignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StationEvaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssignmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    BasicallySatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Dissatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StationEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StationEvaluations_StationAssignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "StationAssignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StationAssignments_PersonId",
                table: "StationAssignments",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_StationAssignments_SentByOrganizationId",
                table: "StationAssignments",
                column: "SentByOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_StationAssignments_VillageOrganizationId",
                table: "StationAssignments",
                column: "VillageOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_StationCheckIns_AssignmentId_Month",
                table: "StationCheckIns",
                columns: new[] { "AssignmentId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StationEntries_AssignmentId_On",
                table: "StationEntries",
                columns: new[] { "AssignmentId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_StationEvaluations_AssignmentId_Year",
                table: "StationEvaluations",
                columns: new[] { "AssignmentId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StationCheckIns");

            migrationBuilder.DropTable(
                name: "StationEntries");

            migrationBuilder.DropTable(
                name: "StationEvaluations");

            migrationBuilder.DropTable(
                name: "StationAssignments");
        }
    }
}
