using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
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
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceTagCounts", x => new { x.Key, x.Value, x.Type, x.Status, x.Slot });
                });

            // Every tag of every resource is counted under its key, value, the resource's type, status and slice (the id's last
            // hexadecimal digit); the triggers keep the counts in the writing transaction, whichever of the tag or the resource
            // is written first. A resource's tags are counted out before the resource is removed: the foreign key's cascade
            // removes the tags after it, when their trigger no longer finds the resource and leaves the counts alone
            // (docs/decisions/0041-tag-counts-kept-by-the-database.md).
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_ResourceTags_Counts_Insert AFTER INSERT ON ResourceTags
BEGIN
    INSERT INTO ResourceTagCounts (""Key"", ""Value"", Type, Status, Slot, Count)
        SELECT NEW.""Key"", NEW.""Value"", r.Type, r.Status, instr('0123456789ABCDEF', upper(substr(r.Id, -1))) - 1, 1
        FROM Resources AS r WHERE r.Id = NEW.ResourceId
        ON CONFLICT (""Key"", ""Value"", Type, Status, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_ResourceTags_Counts_Update AFTER UPDATE OF ResourceId, ""Key"", ""Value"" ON ResourceTags
WHEN OLD.ResourceId IS NOT NEW.ResourceId OR OLD.""Key"" IS NOT NEW.""Key"" OR OLD.""Value"" IS NOT NEW.""Value""
BEGIN
    UPDATE ResourceTagCounts SET Count = Count - 1
        WHERE ""Key"" = OLD.""Key"" AND ""Value"" = OLD.""Value""
            AND Type = (SELECT r.Type FROM Resources AS r WHERE r.Id = OLD.ResourceId)
            AND Status = (SELECT r.Status FROM Resources AS r WHERE r.Id = OLD.ResourceId)
            AND Slot = instr('0123456789ABCDEF', upper(substr(OLD.ResourceId, -1))) - 1;
    INSERT INTO ResourceTagCounts (""Key"", ""Value"", Type, Status, Slot, Count)
        SELECT NEW.""Key"", NEW.""Value"", r.Type, r.Status, instr('0123456789ABCDEF', upper(substr(r.Id, -1))) - 1, 1
        FROM Resources AS r WHERE r.Id = NEW.ResourceId
        ON CONFLICT (""Key"", ""Value"", Type, Status, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_ResourceTags_Counts_Delete AFTER DELETE ON ResourceTags
BEGIN
    UPDATE ResourceTagCounts SET Count = Count - 1
        WHERE ""Key"" = OLD.""Key"" AND ""Value"" = OLD.""Value""
            AND Type = (SELECT r.Type FROM Resources AS r WHERE r.Id = OLD.ResourceId)
            AND Status = (SELECT r.Status FROM Resources AS r WHERE r.Id = OLD.ResourceId)
            AND Slot = instr('0123456789ABCDEF', upper(substr(OLD.ResourceId, -1))) - 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_TagCounts_Update AFTER UPDATE OF Type, Status ON Resources
WHEN OLD.Type IS NOT NEW.Type OR OLD.Status IS NOT NEW.Status
BEGIN
    UPDATE ResourceTagCounts SET Count = Count - 1
        WHERE Type = OLD.Type AND Status = OLD.Status AND Slot = instr('0123456789ABCDEF', upper(substr(OLD.Id, -1))) - 1
            AND (""Key"", ""Value"") IN (SELECT t.""Key"", t.""Value"" FROM ResourceTags AS t WHERE t.ResourceId = OLD.Id);
    INSERT INTO ResourceTagCounts (""Key"", ""Value"", Type, Status, Slot, Count)
        SELECT t.""Key"", t.""Value"", NEW.Type, NEW.Status, instr('0123456789ABCDEF', upper(substr(NEW.Id, -1))) - 1, 1
        FROM ResourceTags AS t WHERE t.ResourceId = NEW.Id
        ON CONFLICT (""Key"", ""Value"", Type, Status, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_TagCounts_Delete BEFORE DELETE ON Resources
BEGIN
    UPDATE ResourceTagCounts SET Count = Count - 1
        WHERE Type = OLD.Type AND Status = OLD.Status AND Slot = instr('0123456789ABCDEF', upper(substr(OLD.Id, -1))) - 1
            AND (""Key"", ""Value"") IN (SELECT t.""Key"", t.""Value"" FROM ResourceTags AS t WHERE t.ResourceId = OLD.Id);
END;");
            migrationBuilder.Sql(@"
INSERT INTO ResourceTagCounts (""Key"", ""Value"", Type, Status, Slot, Count)
SELECT t.""Key"", t.""Value"", r.Type, r.Status, instr('0123456789ABCDEF', upper(substr(r.Id, -1))) - 1, count(*)
FROM ResourceTags AS t JOIN Resources AS r ON r.Id = t.ResourceId GROUP BY 1, 2, 3, 4, 5;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER TR_ResourceTags_Counts_Insert;");
            migrationBuilder.Sql("DROP TRIGGER TR_ResourceTags_Counts_Update;");
            migrationBuilder.Sql("DROP TRIGGER TR_ResourceTags_Counts_Delete;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_TagCounts_Update;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_TagCounts_Delete;");
            migrationBuilder.DropTable(
                name: "ResourceTagCounts");
        }
    }
}
