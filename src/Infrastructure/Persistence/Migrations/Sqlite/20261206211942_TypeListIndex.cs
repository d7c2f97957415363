using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TypeListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Resources_Type_CreatedAt_Id_Status",
                table: "Resources",
                columns: new[] { "Type", "CreatedAt", "Id", "Status" });

            // Its fixed planner statistics, loaded into this connection (docs/decisions/0050-fixed-planner-statistics.md).
            migrationBuilder.Sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('Resources', 'IX_Resources_Type_CreatedAt_Id_Status', '1000000 333334 1 1 1');");
            migrationBuilder.Sql("ANALYZE sqlite_schema;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Resources_Type_CreatedAt_Id_Status",
                table: "Resources");
        }
    }
}
