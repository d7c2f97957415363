using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListKeysetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Resources_CreatedAt_Id",
                table: "Resources");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Action_OccurredAt",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_OccurredAt",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_ResourceId_OccurredAt",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_UserId_OccurredAt",
                table: "AuditEvents");

            migrationBuilder.CreateIndex(
                name: "IX_Resources_CreatedAt_Id_Status_Type_OwnerId",
                table: "Resources",
                columns: new[] { "CreatedAt", "Id", "Status", "Type", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Type_Status_CreatedAt_Id",
                table: "Resources",
                columns: new[] { "Type", "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_OccurredAt_Id",
                table: "AuditEvents",
                columns: new[] { "Action", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OccurredAt_Id",
                table: "AuditEvents",
                columns: new[] { "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ResourceId_OccurredAt_Id",
                table: "AuditEvents",
                columns: new[] { "ResourceId", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_UserId_OccurredAt_Id",
                table: "AuditEvents",
                columns: new[] { "UserId", "OccurredAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Resources_CreatedAt_Id_Status_Type_OwnerId",
                table: "Resources");

            migrationBuilder.DropIndex(
                name: "IX_Resources_Type_Status_CreatedAt_Id",
                table: "Resources");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Action_OccurredAt_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_OccurredAt_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_ResourceId_OccurredAt_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_UserId_OccurredAt_Id",
                table: "AuditEvents");

            migrationBuilder.CreateIndex(
                name: "IX_Resources_CreatedAt_Id",
                table: "Resources",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_OccurredAt",
                table: "AuditEvents",
                columns: new[] { "Action", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OccurredAt",
                table: "AuditEvents",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ResourceId_OccurredAt",
                table: "AuditEvents",
                columns: new[] { "ResourceId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_UserId_OccurredAt",
                table: "AuditEvents",
                columns: new[] { "UserId", "OccurredAt" });
        }
    }
}
