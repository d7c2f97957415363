using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
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

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResourceCreatedAt",
                table: "ResourceTags",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // The tags already there take their resource's creation time (before the index, which is then built once); the
            // tag-count trigger on update watches the resource, key and value only.
            migrationBuilder.Sql("UPDATE t SET t.ResourceCreatedAt = r.CreatedAt FROM ResourceTags AS t JOIN Resources AS r ON r.Id = t.ResourceId;");

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

            migrationBuilder.DropColumn(
                name: "ResourceCreatedAt",
                table: "ResourceTags");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceTags_Key_Value_ResourceId",
                table: "ResourceTags",
                columns: new[] { "Key", "Value", "ResourceId" });
        }
    }
}
