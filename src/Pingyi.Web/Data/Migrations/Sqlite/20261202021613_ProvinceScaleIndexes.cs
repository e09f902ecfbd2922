using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProvinceScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_OrganizationId_RequestedAt",
                table: "ServiceRequests",
                columns: new[] { "OrganizationId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerItems_SupervisingOrganizationId",
                table: "LedgerItems",
                column: "SupervisingOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_OrganizationPath",
                table: "audit_entries",
                column: "OrganizationPath");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_UserName",
                table: "audit_entries",
                column: "UserName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_OrganizationId_RequestedAt",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_LedgerItems_SupervisingOrganizationId",
                table: "LedgerItems");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_OrganizationPath",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_UserName",
                table: "audit_entries");
        }
    }
}
