using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pingyi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Petitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Petitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TrackingHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Request = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Facts = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PetitionerName = table.Column<byte[]>(type: "bytea", nullable: false),
                    Address = table.Column<byte[]>(type: "bytea", nullable: false),
                    Phone = table.Column<byte[]>(type: "bytea", nullable: true),
                    Representatives = table.Column<byte[]>(type: "bytea", nullable: true),
                    GroupSize = table.Column<int>(type: "integer", nullable: false),
                    IntakeOrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    HandlingOrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    FromOrganizationId = table.Column<long>(type: "bigint", nullable: true),
                    RoutedAs = table.Column<int>(type: "integer", nullable: true),
                    AccusedOrganizationId = table.Column<long>(type: "bigint", nullable: true),
                    AccusedName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    FirstReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RoutingDue = table.Column<DateOnly>(type: "date", nullable: false),
                    ObjectionDue = table.Column<DateOnly>(type: "date", nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HandlingDue = table.Column<DateOnly>(type: "date", nullable: true),
                    ExtensionDays = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Opinion = table.Column<int>(type: "integer", nullable: true),
                    RepliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewRequestUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewRequestedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewDue = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingDays = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Closing = table.Column<int>(type: "integer", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    RatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EarlierPetitionId = table.Column<long>(type: "bigint", nullable: true),
                    RemindedFor = table.Column<DateOnly>(type: "date", nullable: true),
                    OverdueFor = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Petitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Petitions_organizations_AccusedOrganizationId",
                        column: x => x.AccusedOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_organizations_HandlingOrganizationId",
                        column: x => x.HandlingOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_organizations_IntakeOrganizationId",
                        column: x => x.IntakeOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PetitionEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Public = table.Column<bool>(type: "boolean", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: true),
                    Due = table.Column<DateOnly>(type: "date", nullable: true),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionEvents_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PetitionFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    Path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionFiles_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PetitionReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Opinion = table.Column<int>(type: "integer", nullable: false),
                    Findings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RepliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionReplies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionReplies_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionEvents_PetitionId",
                table: "PetitionEvents",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionFiles_PetitionId",
                table: "PetitionFiles",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionReplies_PetitionId_Level",
                table: "PetitionReplies",
                columns: new[] { "PetitionId", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_AccusedOrganizationId",
                table: "Petitions",
                column: "AccusedOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_FirstReceivedOn",
                table: "Petitions",
                column: "FirstReceivedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_HandlingOrganizationId_Status",
                table: "Petitions",
                columns: new[] { "HandlingOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_IntakeOrganizationId",
                table: "Petitions",
                column: "IntakeOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_Number",
                table: "Petitions",
                column: "Number");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_TrackingHash",
                table: "Petitions",
                column: "TrackingHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PetitionEvents");

            migrationBuilder.DropTable(
                name: "PetitionFiles");

            migrationBuilder.DropTable(
                name: "PetitionReplies");

            migrationBuilder.DropTable(
                name: "Petitions");
        }
    }
}
