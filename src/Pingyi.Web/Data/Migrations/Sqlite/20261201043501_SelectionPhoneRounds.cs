using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SelectionPhoneRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "MeetingId",
                table: "SelectionRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReporterId",
                table: "RoundEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelectionRounds_MeetingId",
                table: "SelectionRounds",
                column: "MeetingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SelectionRounds_MeetingId",
                table: "SelectionRounds");

            migrationBuilder.DropColumn(
                name: "MeetingId",
                table: "SelectionRounds");

            migrationBuilder.DropColumn(
                name: "ReporterId",
                table: "RoundEntries");
        }
    }
}
