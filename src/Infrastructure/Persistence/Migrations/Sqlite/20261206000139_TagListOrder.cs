using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TagListOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResourceTags_Key_Value_ResourceId",
                table: "ResourceTags");

            migrationBuilder.AddColumn<long>(
                name: "ResourceCreatedAt",
                table: "ResourceTags",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // The tags already there take their resource's creation time (before the index, which is then built once); the
            // tag-count trigger on update watches the resource, key and value only.
            migrationBuilder.Sql("UPDATE ResourceTags SET ResourceCreatedAt = (SELECT r.CreatedAt FROM Resources AS r WHERE r.Id = ResourceTags.ResourceId);");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceTags_Key_Value_ResourceCreatedAt_ResourceId",
                table: "ResourceTags",
                columns: new[] { "Key", "Value", "ResourceCreatedAt", "ResourceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResourceTags_Key_Value_ResourceCreatedAt_ResourceId",
                table: "ResourceTags");

            // SQLite drops the column in place: EF's table rebuild would rename a table the tag-count triggers name.
            migrationBuilder.Sql("ALTER TABLE \"ResourceTags\" DROP COLUMN \"ResourceCreatedAt\";");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceTags_Key_Value_ResourceId",
                table: "ResourceTags",
                columns: new[] { "Key", "Value", "ResourceId" });
        }
    }
}
