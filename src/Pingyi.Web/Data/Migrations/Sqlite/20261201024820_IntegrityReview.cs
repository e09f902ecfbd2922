using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IntegrityReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IntegrityReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NominationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Conclusion = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AssessedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PartySecretarySignedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PartySecretarySignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DisciplineSecretarySignedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DisciplineSecretarySignedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrityReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntegrityReviews_Nominations_NominationId",
                        column: x => x.NominationId,
                        principalTable: "Nominations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrityReviews_NominationId",
                table: "IntegrityReviews",
                column: "NominationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntegrityReviews");
        }
    }
}
