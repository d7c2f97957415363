using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OwnedResourceCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OwnedResourceCounts",
                columns: table => new
                {
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Listed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnedResourceCounts", x => x.OwnerId);
                });

            // Every resource but a deleted one counts under its owner (docs/decisions/0049-owned-resource-counts-kept-by-the-database.md);
            // the triggers keep the counts in the writing transaction.
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_OwnedCounts_Insert AFTER INSERT ON Resources
WHEN NEW.Status <> 'Deleted'
BEGIN
    INSERT INTO OwnedResourceCounts (OwnerId, Listed) VALUES (NEW.OwnerId, 1)
        ON CONFLICT (OwnerId) DO UPDATE SET Listed = Listed + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_OwnedCounts_Update AFTER UPDATE OF OwnerId, Status ON Resources
WHEN OLD.OwnerId IS NOT NEW.OwnerId OR (OLD.Status = 'Deleted') IS NOT (NEW.Status = 'Deleted')
BEGIN
    UPDATE OwnedResourceCounts SET Listed = Listed - 1 WHERE OwnerId = OLD.OwnerId AND OLD.Status <> 'Deleted';
    INSERT INTO OwnedResourceCounts (OwnerId, Listed) SELECT NEW.OwnerId, 1 WHERE NEW.Status <> 'Deleted'
        ON CONFLICT (OwnerId) DO UPDATE SET Listed = Listed + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_OwnedCounts_Delete AFTER DELETE ON Resources
WHEN OLD.Status <> 'Deleted'
BEGIN
    UPDATE OwnedResourceCounts SET Listed = Listed - 1 WHERE OwnerId = OLD.OwnerId;
END;");
            migrationBuilder.Sql(@"
INSERT INTO OwnedResourceCounts (OwnerId, Listed)
SELECT r.OwnerId, count(*) FROM Resources AS r WHERE r.Status <> 'Deleted' GROUP BY r.OwnerId;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_OwnedCounts_Insert;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_OwnedCounts_Update;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_OwnedCounts_Delete;");
            migrationBuilder.DropTable(
                name: "OwnedResourceCounts");
        }
    }
}
