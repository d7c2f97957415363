using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatusListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Resources_Status",
                table: "Resources");

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Status_CreatedAt_Id",
                table: "Resources",
                columns: new[] { "Status", "CreatedAt", "Id" });

            // Its fixed planner statistics (docs/decisions/0050-fixed-planner-statistics.md); dropping the index it
            // replaces dropped that one's row.
            migrationBuilder.Sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('Resources', 'IX_Resources_Status_CreatedAt_Id', '1000000 200000 1 1');");
            // This connection read the schema again after its own DDL, before the row: load the statistics again.
            migrationBuilder.Sql("ANALYZE sqlite_schema;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Resources_Status_CreatedAt_Id",
                table: "Resources");

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Status",
                table: "Resources",
                column: "Status");
            migrationBuilder.Sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('Resources', 'IX_Resources_Status', '1000000 200000');");
            migrationBuilder.Sql("ANALYZE sqlite_schema;");
        }
    }
}
