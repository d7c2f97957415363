using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
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
