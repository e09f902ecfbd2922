using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommitmentEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommitmentEvaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommitmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReporterId = table.Column<long>(type: "INTEGER", nullable: false),
                    FiveStars = table.Column<string>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    FourStars = table.Column<string>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ThreeStars = table.Column<string>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    TwoStars = table.Column<string>(type: "TEXT", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitmentEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitmentEvaluations_Commitments_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommitmentEvaluations_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentEvaluations_CommitmentId",
                table: "CommitmentEvaluations",
                column: "CommitmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentEvaluations_MeetingId",
                table: "CommitmentEvaluations",
                column: "MeetingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommitmentEvaluations");
        }
    }
}
