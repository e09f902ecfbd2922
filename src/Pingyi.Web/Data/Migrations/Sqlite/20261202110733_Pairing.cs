using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Pairing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BranchPairings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitOrganizationId = table.Column<long>(type: "INTEGER", nullable: true),
                    Partner = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    VillageOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BranchPairings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BranchPairings_organizations_UnitOrganizationId",
                        column: x => x.UnitOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BranchPairings_organizations_VillageOrganizationId",
                        column: x => x.VillageOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PairingActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PairingId = table.Column<long>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Help = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Amount = table.Column<string>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairingActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairingActivities_BranchPairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "BranchPairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BranchPairings_UnitOrganizationId",
                table: "BranchPairings",
                column: "UnitOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_BranchPairings_VillageOrganizationId",
                table: "BranchPairings",
                column: "VillageOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PairingActivities_PairingId_On",
                table: "PairingActivities",
                columns: new[] { "PairingId", "On" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PairingActivities");

            migrationBuilder.DropTable(
                name: "BranchPairings");
        }
    }
}
