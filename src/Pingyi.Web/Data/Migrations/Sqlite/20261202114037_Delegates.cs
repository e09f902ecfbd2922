using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Delegates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommitteeObservations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Meeting = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Observers = table.Column<int>(type: "INTEGER", nullable: false),
                    ObserverNames = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Matters = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Opinions = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeObservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeObservations_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DelegateDuties",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    AddressedOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUp = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Satisfied = table.Column<bool>(type: "INTEGER", nullable: true),
                    LedgerItemId = table.Column<long>(type: "INTEGER", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DelegateDuties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DelegateDuties_organizations_AddressedOrganizationId",
                        column: x => x.AddressedOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DelegateDuties_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DelegateDuties_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeObservations_OrganizationId_On",
                table: "CommitteeObservations",
                columns: new[] { "OrganizationId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_DelegateDuties_AddressedOrganizationId",
                table: "DelegateDuties",
                column: "AddressedOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_DelegateDuties_On",
                table: "DelegateDuties",
                column: "On");

            migrationBuilder.CreateIndex(
                name: "IX_DelegateDuties_OrganizationId",
                table: "DelegateDuties",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_DelegateDuties_PersonId",
                table: "DelegateDuties",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommitteeObservations");

            migrationBuilder.DropTable(
                name: "DelegateDuties");
        }
    }
}
