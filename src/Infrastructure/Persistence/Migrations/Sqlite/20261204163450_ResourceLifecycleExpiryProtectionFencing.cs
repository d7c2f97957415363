using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "Resources",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExpiryCheckAt",
                table: "Resources",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseVersion",
                table: "ProvisioningJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Databases created before this column had deletion protection on in AWS: the record says so too.
            migrationBuilder.Sql("UPDATE \"Resources\" SET \"DeletionProtection\" = 1 WHERE \"Type\" = 'Rds';");

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
