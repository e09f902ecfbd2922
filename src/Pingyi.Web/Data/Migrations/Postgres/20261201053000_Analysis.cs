using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Analysis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnalysisPlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    LettersTarget = table.Column<int>(type: "integer", nullable: false),
                    InterviewsTarget = table.Column<int>(type: "integer", nullable: false),
                    InterviewGroupsTarget = table.Column<int>(type: "integer", nullable: false),
                    VisitsTarget = table.Column<int>(type: "integer", nullable: false),
                    ReviewsTarget = table.Column<int>(type: "integer", nullable: false),
                    HeartTalksTarget = table.Column<int>(type: "integer", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalysisPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnalysisPlans_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AnalysisRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<long>(type: "bigint", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Group = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PersonId = table.Column<long>(type: "bigint", nullable: true),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalysisRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnalysisRecords_AnalysisPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "AnalysisPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CadreJudgements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CadreJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CadreJudgements_AnalysisPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "AnalysisPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CadreJudgements_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisPlans_OrganizationId",
                table: "AnalysisPlans",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisRecords_PersonId",
                table: "AnalysisRecords",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisRecords_PlanId",
                table: "AnalysisRecords",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_CadreJudgements_PersonId",
                table: "CadreJudgements",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CadreJudgements_PlanId_PersonId",
                table: "CadreJudgements",
                columns: new[] { "PlanId", "PersonId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalysisRecords");

            migrationBuilder.DropTable(
                name: "CadreJudgements");

            migrationBuilder.DropTable(
                name: "AnalysisPlans");
        }
    }
}
