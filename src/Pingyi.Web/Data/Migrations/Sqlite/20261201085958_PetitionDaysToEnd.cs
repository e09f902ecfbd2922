using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PetitionDaysToEnd : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DaysToEnd",
                table: "Petitions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_FirstReceivedOn_HandlingOrganizationId",
                table: "Petitions",
                columns: new[] { "FirstReceivedOn", "HandlingOrganizationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_FirstReceivedOn_HandlingOrganizationId",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "DaysToEnd",
                table: "Petitions");
        }
    }
}
