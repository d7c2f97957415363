using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OwnerListCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Resources_OwnerId_CreatedAt",
                table: "Resources");

            migrationBuilder.CreateIndex(
                name: "IX_Resources_OwnerId_CreatedAt_Id_Status",
                table: "Resources",
                columns: new[] { "OwnerId", "CreatedAt", "Id", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Resources_OwnerId_CreatedAt_Id_Status",
                table: "Resources");

            migrationBuilder.CreateIndex(
                name: "IX_Resources_OwnerId_CreatedAt",
                table: "Resources",
                columns: new[] { "OwnerId", "CreatedAt" });
        }
    }
}
