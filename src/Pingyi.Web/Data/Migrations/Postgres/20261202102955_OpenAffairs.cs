using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OpenAffairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MicroPowers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Procedure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Basis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NeedsDecision = table.Column<bool>(type: "boolean", nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MicroPowers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpennessRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    MeetingId = table.Column<long>(type: "bigint", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpennessRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpennessRatings_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VillageDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Matter = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PowerId = table.Column<long>(type: "bigint", nullable: true),
                    ProcedureName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProcedureSteps = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StepsDone = table.Column<int>(type: "integer", nullable: false),
                    Result = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ProposedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VillageDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VillageDecisions_MicroPowers_PowerId",
                        column: x => x.PowerId,
                        principalTable: "MicroPowers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VillageDecisions_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VillageDecisionSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DecisionId = table.Column<long>(type: "bigint", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Minutes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Entitled = table.Column<int>(type: "integer", nullable: true),
                    Present = table.Column<int>(type: "integer", nullable: true),
                    For = table.Column<int>(type: "integer", nullable: true),
                    Against = table.Column<int>(type: "integer", nullable: true),
                    Abstain = table.Column<int>(type: "integer", nullable: true),
                    Passed = table.Column<bool>(type: "boolean", nullable: true),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VillageDecisionSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VillageDecisionSteps_VillageDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "VillageDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MicroPowers_Number",
                table: "MicroPowers",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpennessRatings_MeetingId",
                table: "OpennessRatings",
                column: "MeetingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpennessRatings_OrganizationId_Year",
                table: "OpennessRatings",
                columns: new[] { "OrganizationId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VillageDecisions_OrganizationId_ProposedOn",
                table: "VillageDecisions",
                columns: new[] { "OrganizationId", "ProposedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VillageDecisions_PowerId",
                table: "VillageDecisions",
                column: "PowerId");

            migrationBuilder.CreateIndex(
                name: "IX_VillageDecisions_PublishedOn",
                table: "VillageDecisions",
                column: "PublishedOn");

            migrationBuilder.CreateIndex(
                name: "IX_VillageDecisionSteps_DecisionId_Index",
                table: "VillageDecisionSteps",
                columns: new[] { "DecisionId", "Index" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpennessRatings");

            migrationBuilder.DropTable(
                name: "VillageDecisionSteps");

            migrationBuilder.DropTable(
                name: "VillageDecisions");

            migrationBuilder.DropTable(
                name: "MicroPowers");
        }
    }
}
