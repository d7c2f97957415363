using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ResourceCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ResourceCounts",
                columns: table => new
                {
                    Type = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Slot = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceCounts", x => new { x.Type, x.Status, x.Slot });
                });

            // Every resource is counted under its type, status and slice (the id's last hexadecimal digit), so that writers
            // on several instances mostly change different rows; the triggers keep the counts in the writing transaction
            // (docs/decisions/0040-resource-counts-kept-by-the-database.md).
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_Counts_Insert ON Resources AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    MERGE ResourceCounts WITH (HOLDLOCK) AS target
    USING (SELECT i.Type, i.Status, CHARINDEX(RIGHT(CONVERT(char(36), i.Id), 1), '0123456789ABCDEF') - 1 AS Slot, COUNT(*) AS Delta FROM inserted AS i GROUP BY i.Type, i.Status, CHARINDEX(RIGHT(CONVERT(char(36), i.Id), 1), '0123456789ABCDEF') - 1) AS source
    ON target.Type = source.Type AND target.Status = source.Status AND target.Slot = source.Slot
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] + source.Delta
    WHEN NOT MATCHED THEN INSERT (Type, Status, Slot, [Count]) VALUES (source.Type, source.Status, source.Slot, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_Counts_Update ON Resources AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(Id) OR UPDATE(Type) OR UPDATE(Status)) RETURN;
    MERGE ResourceCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT changes.Type, changes.Status, changes.Slot, SUM(changes.Delta) AS Delta FROM (
            SELECT i.Type, i.Status, CHARINDEX(RIGHT(CONVERT(char(36), i.Id), 1), '0123456789ABCDEF') - 1 AS Slot, 1 AS Delta FROM inserted AS i
            UNION ALL
            SELECT d.Type, d.Status, CHARINDEX(RIGHT(CONVERT(char(36), d.Id), 1), '0123456789ABCDEF') - 1 AS Slot, -1 AS Delta FROM deleted AS d
        ) AS changes
        GROUP BY changes.Type, changes.Status, changes.Slot HAVING SUM(changes.Delta) <> 0) AS source
    ON target.Type = source.Type AND target.Status = source.Status AND target.Slot = source.Slot
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] + source.Delta
    WHEN NOT MATCHED THEN INSERT (Type, Status, Slot, [Count]) VALUES (source.Type, source.Status, source.Slot, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_Counts_Delete ON Resources AFTER DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE counts SET [Count] = counts.[Count] - gone.Delta
    FROM ResourceCounts AS counts
    JOIN (SELECT d.Type, d.Status, CHARINDEX(RIGHT(CONVERT(char(36), d.Id), 1), '0123456789ABCDEF') - 1 AS Slot, COUNT(*) AS Delta FROM deleted AS d GROUP BY d.Type, d.Status, CHARINDEX(RIGHT(CONVERT(char(36), d.Id), 1), '0123456789ABCDEF') - 1) AS gone
        ON counts.Type = gone.Type AND counts.Status = gone.Status AND counts.Slot = gone.Slot;
END");
            migrationBuilder.Sql(@"
INSERT INTO ResourceCounts (Type, Status, Slot, [Count])
SELECT r.Type, r.Status, CHARINDEX(RIGHT(CONVERT(char(36), r.Id), 1), '0123456789ABCDEF') - 1, COUNT(*) FROM Resources AS r GROUP BY r.Type, r.Status, CHARINDEX(RIGHT(CONVERT(char(36), r.Id), 1), '0123456789ABCDEF') - 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_Counts_Insert;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_Counts_Update;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_Counts_Delete;");
            migrationBuilder.DropTable(
                name: "ResourceCounts");
        }
    }
}
