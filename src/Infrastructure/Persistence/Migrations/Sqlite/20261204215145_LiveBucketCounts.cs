using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
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
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Live = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveBucketCounts", x => x.OwnerId);
                });

            // A bucket counts against its owner's s3 quota unless deleting, deleted, failed, forgotten or rejected
            // (docs/decisions/0036-create-path-cost.md); the triggers keep the counts in the writing transaction.
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_LiveBuckets_Insert AFTER INSERT ON Resources
WHEN NEW.Type = 'S3' AND NEW.Status NOT IN ('Deleting', 'Deleted', 'Failed', 'Forgotten', 'Rejected')
BEGIN
    INSERT INTO LiveBucketCounts (OwnerId, Live) VALUES (NEW.OwnerId, 1)
        ON CONFLICT (OwnerId) DO UPDATE SET Live = Live + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_LiveBuckets_Update AFTER UPDATE OF OwnerId, Type, Status ON Resources
BEGIN
    UPDATE LiveBucketCounts SET Live = Live - 1
        WHERE OwnerId = OLD.OwnerId AND OLD.Type = 'S3' AND OLD.Status NOT IN ('Deleting', 'Deleted', 'Failed', 'Forgotten', 'Rejected');
    INSERT INTO LiveBucketCounts (OwnerId, Live) SELECT NEW.OwnerId, 1
        WHERE NEW.Type = 'S3' AND NEW.Status NOT IN ('Deleting', 'Deleted', 'Failed', 'Forgotten', 'Rejected')
        ON CONFLICT (OwnerId) DO UPDATE SET Live = Live + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_LiveBuckets_Delete AFTER DELETE ON Resources
WHEN OLD.Type = 'S3' AND OLD.Status NOT IN ('Deleting', 'Deleted', 'Failed', 'Forgotten', 'Rejected')
BEGIN
    UPDATE LiveBucketCounts SET Live = Live - 1 WHERE OwnerId = OLD.OwnerId;
END;");
            migrationBuilder.Sql(@"
INSERT INTO LiveBucketCounts (OwnerId, Live)
SELECT r.OwnerId, count(*) FROM Resources AS r WHERE r.Type = 'S3' AND r.Status NOT IN ('Deleting', 'Deleted', 'Failed', 'Forgotten', 'Rejected') GROUP BY r.OwnerId;");
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
