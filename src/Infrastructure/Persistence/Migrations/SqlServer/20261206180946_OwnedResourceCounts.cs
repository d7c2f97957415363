using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
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
                    OwnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Listed = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnedResourceCounts", x => x.OwnerId);
                });

            // Every resource but a deleted one counts under its owner (docs/decisions/0049-owned-resource-counts-kept-by-the-database.md);
            // the triggers keep the counts in the writing transaction.
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_OwnedCounts_Insert ON Resources AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    MERGE OwnedResourceCounts WITH (HOLDLOCK) AS target
    USING (SELECT i.OwnerId, COUNT(*) AS Delta FROM inserted AS i WHERE i.Status <> N'Deleted' GROUP BY i.OwnerId) AS source
    ON target.OwnerId = source.OwnerId
    WHEN MATCHED THEN UPDATE SET Listed = target.Listed + source.Delta
    WHEN NOT MATCHED THEN INSERT (OwnerId, Listed) VALUES (source.OwnerId, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_OwnedCounts_Update ON Resources AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(OwnerId) OR UPDATE(Status)) RETURN;
    MERGE OwnedResourceCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT changes.OwnerId, SUM(changes.Delta) AS Delta FROM (
            SELECT i.OwnerId, 1 AS Delta FROM inserted AS i WHERE i.Status <> N'Deleted'
            UNION ALL
            SELECT d.OwnerId, -1 AS Delta FROM deleted AS d WHERE d.Status <> N'Deleted'
        ) AS changes
        GROUP BY changes.OwnerId HAVING SUM(changes.Delta) <> 0) AS source
    ON target.OwnerId = source.OwnerId
    WHEN MATCHED THEN UPDATE SET Listed = target.Listed + source.Delta
    WHEN NOT MATCHED THEN INSERT (OwnerId, Listed) VALUES (source.OwnerId, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_OwnedCounts_Delete ON Resources AFTER DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE counts SET Listed = counts.Listed - gone.Delta
    FROM OwnedResourceCounts AS counts
    JOIN (SELECT d.OwnerId, COUNT(*) AS Delta FROM deleted AS d WHERE d.Status <> N'Deleted' GROUP BY d.OwnerId) AS gone
        ON counts.OwnerId = gone.OwnerId;
END");
            migrationBuilder.Sql(@"
INSERT INTO OwnedResourceCounts (OwnerId, Listed)
SELECT r.OwnerId, COUNT(*) FROM Resources AS r WHERE r.Status <> N'Deleted' GROUP BY r.OwnerId;");
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
