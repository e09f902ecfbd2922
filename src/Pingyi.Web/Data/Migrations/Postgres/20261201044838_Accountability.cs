using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Accountability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountabilityLists",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Document = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Situations = table.Column<string>(type: "text", nullable: false),
                    Measures = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountabilityLists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AccountabilityRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    ListVersion = table.Column<int>(type: "integer", nullable: false),
                    SituationNumber = table.Column<int>(type: "integer", nullable: false),
                    Situation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MeasureNumber = table.Column<int>(type: "integer", nullable: false),
                    Measure = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Document = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Facts = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountabilityRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountabilityRecords_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AccountabilityRecords_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CadreNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ProjectAccountabilityId = table.Column<long>(type: "bigint", nullable: true),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CadreNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CadreNotes_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CadreNotes_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityLists_Version",
                table: "AccountabilityLists",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityRecords_OrganizationId",
                table: "AccountabilityRecords",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityRecords_PersonId_EffectUntil",
                table: "AccountabilityRecords",
                columns: new[] { "PersonId", "EffectUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_CadreNotes_OrganizationId",
                table: "CadreNotes",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_CadreNotes_PersonId_Kind",
                table: "CadreNotes",
                columns: new[] { "PersonId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_CadreNotes_ProjectAccountabilityId",
                table: "CadreNotes",
                column: "ProjectAccountabilityId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountabilityLists");

            migrationBuilder.DropTable(
                name: "AccountabilityRecords");

            migrationBuilder.DropTable(
                name: "CadreNotes");
        }
    }
}
