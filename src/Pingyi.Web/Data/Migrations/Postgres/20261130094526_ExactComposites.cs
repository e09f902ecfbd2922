using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExactComposites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The stored text is the invariant form of an exact decimal, so it converts without loss; PostgreSQL
            // needs the conversion spelled out (no automatic cast from text to numeric).
            migrationBuilder.Sql("""ALTER TABLE "MeetingResults" ALTER COLUMN "Composite" TYPE numeric USING "Composite"::numeric;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Composite",
                table: "MeetingResults",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric",
                oldNullable: true);
        }
    }
}
