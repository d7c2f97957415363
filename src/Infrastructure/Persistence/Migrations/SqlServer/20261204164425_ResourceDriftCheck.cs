using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ResourceDriftCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Drift",
                table: "Resources",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DriftCheckDueAt",
                table: "Resources",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Status_DriftCheckDueAt",
                table: "Resources",
                columns: new[] { "Status", "DriftCheckDueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Resources_Status_DriftCheckDueAt",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "Drift",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "DriftCheckDueAt",
                table: "Resources");
        }
    }
}
