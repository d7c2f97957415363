using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ResourceLifecycleExpiryProtectionFencing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DeletionProtection",
                table: "Resources",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiresAt",
                table: "Resources",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiryCheckAt",
                table: "Resources",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseVersion",
                table: "ProvisioningJobs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Databases created before this column had deletion protection on in AWS: the record says so too.
            migrationBuilder.Sql("UPDATE [Resources] SET [DeletionProtection] = CAST(1 AS bit) WHERE [Type] = N'Rds';");

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Status_ExpiryCheckAt",
                table: "Resources",
                columns: new[] { "Status", "ExpiryCheckAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Resources_Status_ExpiryCheckAt",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "DeletionProtection",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "ExpiryCheckAt",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "LeaseVersion",
                table: "ProvisioningJobs");
        }
    }
}
