using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Grading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GradeResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    SchemeVersion = table.Column<int>(type: "integer", nullable: false),
                    Composite = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PublishedGrade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScoreGrade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: true),
                    Graded = table.Column<int>(type: "integer", nullable: false),
                    Exemplary = table.Column<bool>(type: "boolean", nullable: false),
                    Flags = table.Column<int>(type: "integer", nullable: false),
                    VetoReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Parts = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    PreviousGrade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradeResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GradeResults_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GradingInputs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    Points = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingInputs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GradingInputs_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GradingSchemes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RulesJson = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingSchemes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GradingVetoes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingVetoes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GradingVetoes_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversionMeasures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GradeResultId = table.Column<long>(type: "bigint", nullable: false),
                    LedgerItemId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversionMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversionMeasures_GradeResults_GradeResultId",
                        column: x => x.GradeResultId,
                        principalTable: "GradeResults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversionMeasures_LedgerItems_LedgerItemId",
                        column: x => x.LedgerItemId,
                        principalTable: "LedgerItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GradeEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GradeResultId = table.Column<long>(type: "bigint", nullable: false),
                    FromGrade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ToGrade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradeEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GradeEvents_GradeResults_GradeResultId",
                        column: x => x.GradeResultId,
                        principalTable: "GradeResults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConversionMeasures_GradeResultId",
                table: "ConversionMeasures",
                column: "GradeResultId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversionMeasures_LedgerItemId",
                table: "ConversionMeasures",
                column: "LedgerItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GradeEvents_GradeResultId",
                table: "GradeEvents",
                column: "GradeResultId");

            migrationBuilder.CreateIndex(
                name: "IX_GradeResults_OrganizationId_Year",
                table: "GradeResults",
                columns: new[] { "OrganizationId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_GradeResults_Year_OrganizationId",
                table: "GradeResults",
                columns: new[] { "Year", "OrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GradingInputs_OrganizationId",
                table: "GradingInputs",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_GradingInputs_Year_OrganizationId_Kind_Period",
                table: "GradingInputs",
                columns: new[] { "Year", "OrganizationId", "Kind", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GradingSchemes_Version",
                table: "GradingSchemes",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GradingVetoes_OrganizationId",
                table: "GradingVetoes",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_GradingVetoes_Year_OrganizationId",
                table: "GradingVetoes",
                columns: new[] { "Year", "OrganizationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversionMeasures");

            migrationBuilder.DropTable(
                name: "GradeEvents");

            migrationBuilder.DropTable(
                name: "GradingInputs");

            migrationBuilder.DropTable(
                name: "GradingSchemes");

            migrationBuilder.DropTable(
                name: "GradingVetoes");

            migrationBuilder.DropTable(
                name: "GradeResults");
        }
    }
}
