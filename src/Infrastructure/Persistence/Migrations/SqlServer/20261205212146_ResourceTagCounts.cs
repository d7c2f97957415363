using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ResourceTagCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ResourceTagCounts",
                columns: table => new
                {
                    Key = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Slot = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceTagCounts", x => new { x.Key, x.Value, x.Type, x.Status, x.Slot });
                });

            // Every tag of every resource is counted under its key, value, the resource's type, status and slice (the id's last
            // hexadecimal digit), so that writers on several instances mostly change different rows; the triggers keep the
            // counts in the writing transaction, whichever of the tag or the resource is written first. A resource row removed
            // by hand takes its tags with it by the foreign key's cascade, after which no trigger sees both: remove its tags
            // first (the service never removes a resource row; docs/decisions/0041-tag-counts-kept-by-the-database.md).
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_ResourceTags_Counts_Insert ON ResourceTags AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    MERGE ResourceTagCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT changes.[Key], changes.[Value], changes.Type, changes.Status, changes.Slot, SUM(changes.Delta) AS Delta FROM (
            SELECT i.[Key], i.[Value], r.Type, r.Status, CHARINDEX(RIGHT(CONVERT(char(36), r.Id), 1), '0123456789ABCDEF') - 1 AS Slot, 1 AS Delta FROM inserted AS i JOIN Resources AS r ON r.Id = i.ResourceId
        ) AS changes
        GROUP BY changes.[Key], changes.[Value], changes.Type, changes.Status, changes.Slot HAVING SUM(changes.Delta) <> 0) AS source
    ON target.[Key] = source.[Key] AND target.[Value] = source.[Value] AND target.Type = source.Type AND target.Status = source.Status AND target.Slot = source.Slot
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] + source.Delta
    WHEN NOT MATCHED THEN INSERT ([Key], [Value], Type, Status, Slot, [Count]) VALUES (source.[Key], source.[Value], source.Type, source.Status, source.Slot, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_ResourceTags_Counts_Update ON ResourceTags AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(ResourceId) OR UPDATE([Key]) OR UPDATE([Value])) RETURN;
    MERGE ResourceTagCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT changes.[Key], changes.[Value], changes.Type, changes.Status, changes.Slot, SUM(changes.Delta) AS Delta FROM (
            SELECT i.[Key], i.[Value], r.Type, r.Status, CHARINDEX(RIGHT(CONVERT(char(36), r.Id), 1), '0123456789ABCDEF') - 1 AS Slot, 1 AS Delta FROM inserted AS i JOIN Resources AS r ON r.Id = i.ResourceId
            UNION ALL
            SELECT d.[Key], d.[Value], r.Type, r.Status, CHARINDEX(RIGHT(CONVERT(char(36), r.Id), 1), '0123456789ABCDEF') - 1 AS Slot, -1 AS Delta FROM deleted AS d JOIN Resources AS r ON r.Id = d.ResourceId
        ) AS changes
        GROUP BY changes.[Key], changes.[Value], changes.Type, changes.Status, changes.Slot HAVING SUM(changes.Delta) <> 0) AS source
    ON target.[Key] = source.[Key] AND target.[Value] = source.[Value] AND target.Type = source.Type AND target.Status = source.Status AND target.Slot = source.Slot
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] + source.Delta
    WHEN NOT MATCHED THEN INSERT ([Key], [Value], Type, Status, Slot, [Count]) VALUES (source.[Key], source.[Value], source.Type, source.Status, source.Slot, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_ResourceTags_Counts_Delete ON ResourceTags AFTER DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE counts SET [Count] = counts.[Count] - gone.Delta
    FROM ResourceTagCounts AS counts
    JOIN (SELECT d.[Key], d.[Value], r.Type, r.Status, CHARINDEX(RIGHT(CONVERT(char(36), r.Id), 1), '0123456789ABCDEF') - 1 AS Slot, COUNT(*) AS Delta
          FROM deleted AS d JOIN Resources AS r ON r.Id = d.ResourceId
          GROUP BY d.[Key], d.[Value], r.Type, r.Status, CHARINDEX(RIGHT(CONVERT(char(36), r.Id), 1), '0123456789ABCDEF') - 1) AS gone
        ON counts.[Key] = gone.[Key] AND counts.[Value] = gone.[Value] AND counts.Type = gone.Type AND counts.Status = gone.Status AND counts.Slot = gone.Slot;
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_TagCounts_Update ON Resources AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(Type) OR UPDATE(Status)) RETURN;
    MERGE ResourceTagCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT changes.[Key], changes.[Value], changes.Type, changes.Status, changes.Slot, SUM(changes.Delta) AS Delta FROM (
            SELECT t.[Key], t.[Value], i.Type, i.Status, CHARINDEX(RIGHT(CONVERT(char(36), i.Id), 1), '0123456789ABCDEF') - 1 AS Slot, 1 AS Delta FROM inserted AS i JOIN ResourceTags AS t ON t.ResourceId = i.Id
            UNION ALL
            SELECT t.[Key], t.[Value], d.Type, d.Status, CHARINDEX(RIGHT(CONVERT(char(36), d.Id), 1), '0123456789ABCDEF') - 1 AS Slot, -1 AS Delta FROM deleted AS d JOIN ResourceTags AS t ON t.ResourceId = d.Id
        ) AS changes
        GROUP BY changes.[Key], changes.[Value], changes.Type, changes.Status, changes.Slot HAVING SUM(changes.Delta) <> 0) AS source
    ON target.[Key] = source.[Key] AND target.[Value] = source.[Value] AND target.Type = source.Type AND target.Status = source.Status AND target.Slot = source.Slot
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] + source.Delta
    WHEN NOT MATCHED THEN INSERT ([Key], [Value], Type, Status, Slot, [Count]) VALUES (source.[Key], source.[Value], source.Type, source.Status, source.Slot, source.Delta);
END");
            migrationBuilder.Sql(@"
INSERT INTO ResourceTagCounts ([Key], [Value], Type, Status, Slot, [Count])
SELECT t.[Key], t.[Value], r.Type, r.Status, CHARINDEX(RIGHT(CONVERT(char(36), r.Id), 1), '0123456789ABCDEF') - 1, COUNT(*)
FROM ResourceTags AS t JOIN Resources AS r ON r.Id = t.ResourceId
GROUP BY t.[Key], t.[Value], r.Type, r.Status, CHARINDEX(RIGHT(CONVERT(char(36), r.Id), 1), '0123456789ABCDEF') - 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER TR_ResourceTags_Counts_Insert;");
            migrationBuilder.Sql("DROP TRIGGER TR_ResourceTags_Counts_Update;");
            migrationBuilder.Sql("DROP TRIGGER TR_ResourceTags_Counts_Delete;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_TagCounts_Update;");
            migrationBuilder.DropTable(
                name: "ResourceTagCounts");
        }
    }
}
