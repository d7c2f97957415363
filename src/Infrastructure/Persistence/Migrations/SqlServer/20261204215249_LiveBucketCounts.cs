using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LiveBucketCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LiveBucketCounts",
                columns: table => new
                {
                    OwnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Live = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveBucketCounts", x => x.OwnerId);
                });

            // A bucket counts against its owner's s3 quota unless deleting, deleted, failed, forgotten or rejected
            // (docs/decisions/0036-create-path-cost.md); the triggers keep the counts in the writing transaction.
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_LiveBuckets_Insert ON Resources AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    MERGE LiveBucketCounts WITH (HOLDLOCK) AS target
    USING (SELECT i.OwnerId, COUNT(*) AS Delta FROM inserted AS i WHERE i.Type = N'S3' AND i.Status NOT IN (N'Deleting', N'Deleted', N'Failed', N'Forgotten', N'Rejected') GROUP BY i.OwnerId) AS source
    ON target.OwnerId = source.OwnerId
    WHEN MATCHED THEN UPDATE SET Live = target.Live + source.Delta
    WHEN NOT MATCHED THEN INSERT (OwnerId, Live) VALUES (source.OwnerId, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_LiveBuckets_Update ON Resources AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(OwnerId) OR UPDATE(Type) OR UPDATE(Status)) RETURN;
    MERGE LiveBucketCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT changes.OwnerId, SUM(changes.Delta) AS Delta FROM (
            SELECT i.OwnerId, 1 AS Delta FROM inserted AS i WHERE i.Type = N'S3' AND i.Status NOT IN (N'Deleting', N'Deleted', N'Failed', N'Forgotten', N'Rejected')
            UNION ALL
            SELECT d.OwnerId, -1 AS Delta FROM deleted AS d WHERE d.Type = N'S3' AND d.Status NOT IN (N'Deleting', N'Deleted', N'Failed', N'Forgotten', N'Rejected')
        ) AS changes
        GROUP BY changes.OwnerId HAVING SUM(changes.Delta) <> 0) AS source
    ON target.OwnerId = source.OwnerId
    WHEN MATCHED THEN UPDATE SET Live = target.Live + source.Delta
    WHEN NOT MATCHED THEN INSERT (OwnerId, Live) VALUES (source.OwnerId, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_LiveBuckets_Delete ON Resources AFTER DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE counts SET Live = counts.Live - gone.Delta
    FROM LiveBucketCounts AS counts
    JOIN (SELECT d.OwnerId, COUNT(*) AS Delta FROM deleted AS d WHERE d.Type = N'S3' AND d.Status NOT IN (N'Deleting', N'Deleted', N'Failed', N'Forgotten', N'Rejected') GROUP BY d.OwnerId) AS gone
        ON counts.OwnerId = gone.OwnerId;
END");
            migrationBuilder.Sql(@"
INSERT INTO LiveBucketCounts (OwnerId, Live)
SELECT r.OwnerId, COUNT(*) FROM Resources AS r WHERE r.Type = N'S3' AND r.Status NOT IN (N'Deleting', N'Deleted', N'Failed', N'Forgotten', N'Rejected') GROUP BY r.OwnerId;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_LiveBuckets_Insert;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_LiveBuckets_Update;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_LiveBuckets_Delete;");
            migrationBuilder.DropTable(
                name: "LiveBucketCounts");
        }
    }
}
