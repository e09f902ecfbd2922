using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RepeatedRunoffs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SelectionRounds_PostId_Number_Runoff",
                table: "SelectionRounds");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionRounds_PostId_Number_Runoff",
                table: "SelectionRounds",
                columns: new[] { "PostId", "Number", "Runoff" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SelectionRounds_PostId_Number_Runoff",
                table: "SelectionRounds");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionRounds_PostId_Number_Runoff",
                table: "SelectionRounds",
                columns: new[] { "PostId", "Number", "Runoff" },
                unique: true);
        }
    }
}
