using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TagIndexCoversResourceId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResourceTags_Key_Value",
                table: "ResourceTags");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceTags_Key_Value_ResourceId",
                table: "ResourceTags",
                columns: new[] { "Key", "Value", "ResourceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResourceTags_Key_Value_ResourceId",
                table: "ResourceTags");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceTags_Key_Value",
                table: "ResourceTags",
                columns: new[] { "Key", "Value" });
        }
    }
}
