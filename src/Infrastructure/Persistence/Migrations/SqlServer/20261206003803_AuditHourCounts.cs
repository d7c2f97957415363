using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AuditHourCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditHourCounts",
                columns: table => new
                {
                    Hour = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Slot = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHourCounts", x => new { x.Hour, x.Slot });
                });

            // Every event is counted under its hour (UTC) and slice (the id's last hexadecimal digit); set-based triggers
            // keep the counts in the writing transaction, and an hour's slice that the purge emptied goes with its last
            // events (docs/decisions/0043-audit-counts-kept-per-hour.md).
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_HourCounts_Insert ON AuditEvents AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    MERGE AuditHourCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT h.[Hour], h.Slot, COUNT_BIG(*) AS Delta FROM inserted AS i
        CROSS APPLY (SELECT
            TODATETIMEOFFSET(DATEADD(hour, DATEDIFF(hour, CAST('2000-01-01' AS datetime2), CAST(SWITCHOFFSET(i.OccurredAt, '+00:00') AS datetime2)), CAST('2000-01-01' AS datetime2)), '+00:00') AS [Hour],
            CHARINDEX(RIGHT(CONVERT(char(36), i.Id), 1), '0123456789ABCDEF') - 1 AS Slot) AS h
        GROUP BY h.[Hour], h.Slot) AS source
    ON target.[Hour] = source.[Hour] AND target.Slot = source.Slot
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] + source.Delta
    WHEN NOT MATCHED THEN INSERT ([Hour], Slot, [Count]) VALUES (source.[Hour], source.Slot, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_HourCounts_Update ON AuditEvents AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(Id) OR UPDATE(OccurredAt)) RETURN;
    MERGE AuditHourCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT h.[Hour], h.Slot, SUM(h.Delta) AS Delta FROM (
            SELECT i.OccurredAt, i.Id, CAST(1 AS bigint) AS Delta FROM inserted AS i
            UNION ALL
            SELECT d.OccurredAt, d.Id, CAST(-1 AS bigint) AS Delta FROM deleted AS d
        ) AS changes
        CROSS APPLY (SELECT
            TODATETIMEOFFSET(DATEADD(hour, DATEDIFF(hour, CAST('2000-01-01' AS datetime2), CAST(SWITCHOFFSET(changes.OccurredAt, '+00:00') AS datetime2)), CAST('2000-01-01' AS datetime2)), '+00:00') AS [Hour],
            CHARINDEX(RIGHT(CONVERT(char(36), changes.Id), 1), '0123456789ABCDEF') - 1 AS Slot,
            changes.Delta AS Delta) AS h
        GROUP BY h.[Hour], h.Slot HAVING SUM(h.Delta) <> 0) AS source
    ON target.[Hour] = source.[Hour] AND target.Slot = source.Slot
    WHEN MATCHED AND target.[Count] + source.Delta = 0 THEN DELETE
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] + source.Delta
    WHEN NOT MATCHED THEN INSERT ([Hour], Slot, [Count]) VALUES (source.[Hour], source.Slot, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_HourCounts_Delete ON AuditEvents AFTER DELETE AS
BEGIN
    SET NOCOUNT ON;
    MERGE AuditHourCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT h.[Hour], h.Slot, COUNT_BIG(*) AS Gone FROM deleted AS d
        CROSS APPLY (SELECT
            TODATETIMEOFFSET(DATEADD(hour, DATEDIFF(hour, CAST('2000-01-01' AS datetime2), CAST(SWITCHOFFSET(d.OccurredAt, '+00:00') AS datetime2)), CAST('2000-01-01' AS datetime2)), '+00:00') AS [Hour],
            CHARINDEX(RIGHT(CONVERT(char(36), d.Id), 1), '0123456789ABCDEF') - 1 AS Slot) AS h
        GROUP BY h.[Hour], h.Slot) AS source
    ON target.[Hour] = source.[Hour] AND target.Slot = source.Slot
    WHEN MATCHED AND target.[Count] = source.Gone THEN DELETE
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] - source.Gone;
END");
            migrationBuilder.Sql(@"
INSERT INTO AuditHourCounts ([Hour], Slot, [Count])
SELECT h.[Hour], h.Slot, COUNT_BIG(*) FROM AuditEvents AS e
CROSS APPLY (SELECT
    TODATETIMEOFFSET(DATEADD(hour, DATEDIFF(hour, CAST('2000-01-01' AS datetime2), CAST(SWITCHOFFSET(e.OccurredAt, '+00:00') AS datetime2)), CAST('2000-01-01' AS datetime2)), '+00:00') AS [Hour],
    CHARINDEX(RIGHT(CONVERT(char(36), e.Id), 1), '0123456789ABCDEF') - 1 AS Slot) AS h
GROUP BY h.[Hour], h.Slot;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER TR_AuditEvents_HourCounts_Insert;");
            migrationBuilder.Sql("DROP TRIGGER TR_AuditEvents_HourCounts_Update;");
            migrationBuilder.Sql("DROP TRIGGER TR_AuditEvents_HourCounts_Delete;");

            migrationBuilder.DropTable(
                name: "AuditHourCounts");
        }
    }
}
