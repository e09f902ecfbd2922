using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonEducation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MinEducation",
                table: "SelectionPosts",
                type: "INTEGER",
                nullable: true);

            // A post's education requirement was text only; the level eligibility checks is the lowest the text names (none: any).
            migrationBuilder.Sql("""
                UPDATE "SelectionPosts" SET "MinEducation" = CASE
                    WHEN "Education" LIKE '%研究生%' OR "Education" LIKE '%硕士%' OR "Education" LIKE '%博士%' THEN 5
                    WHEN "Education" LIKE '%本科%' THEN 4
                    WHEN "Education" LIKE '%专科%' OR "Education" LIKE '%大专%' THEN 3
                    WHEN "Education" LIKE '%高中%' OR "Education" LIKE '%中专%' THEN 2
                    WHEN "Education" LIKE '%初中%' THEN 1
                    ELSE NULL END
                WHERE "Education" IS NOT NULL
                """);

            migrationBuilder.AddColumn<int>(
                name: "Education",
                table: "people",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MinEducation",
                table: "SelectionPosts");

            migrationBuilder.DropColumn(
                name: "Education",
                table: "people");
        }
    }
}
