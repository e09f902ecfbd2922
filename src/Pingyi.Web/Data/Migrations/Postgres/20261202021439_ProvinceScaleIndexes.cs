using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProvinceScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Path",
                table: "organizations",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400);

            migrationBuilder.AlterColumn<string>(
                name: "OrganizationPath",
                table: "audit_entries",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400,
                oldNullable: true);

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

            migrationBuilder.AlterColumn<string>(
                name: "Path",
                table: "organizations",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "OrganizationPath",
                table: "audit_entries",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400,
                oldNullable: true,
                oldCollation: "C");
        }
    }
}
