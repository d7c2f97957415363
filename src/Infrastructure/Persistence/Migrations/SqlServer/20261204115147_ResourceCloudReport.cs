using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ResourceCloudReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FailureCode",
                table: "Resources",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outputs",
                table: "Resources",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "Posture",
                table: "Resources",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "Polls",
                table: "ProvisioningJobs",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Resources that failed before failure codes existed: their reason may hold raw provider text, which
            // the API no longer shows; they get the code and sentence of an unexplained failure.
            migrationBuilder.Sql(
                "UPDATE Resources SET FailureCode = 'internal', StatusReason = "
                + "'The service failed unexpectedly while running the cloud call. Give your operator this resource''s id; the details are in the service''s log.' "
                + "WHERE Status = 'Failed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailureCode",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "Outputs",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "Posture",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "Polls",
                table: "ProvisioningJobs");
        }
    }
}
