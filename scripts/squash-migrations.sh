#!/usr/bin/env bash
# Squashes every migration into one 'Initial' per provider (only before the first release; see docs/development.md),
# then adds the hand-written schema (src/Tollgate.Data/HandWrittenSchema.cs) to it.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Tollgate.Data -v q -nologo >/dev/null  # fail before deleting anything
rm -f src/Tollgate.Data/Migrations/Sqlite/*.cs src/Tollgate.Data/Migrations/Postgres/*.cs
scripts/add-migration.sh Initial
python3 - <<'PY'
import glob, re
for path in glob.glob("src/Tollgate.Data/Migrations/*/*_Initial.cs"):
    s = open(path).read()
    up = s.index("protected override void Up(MigrationBuilder migrationBuilder)")
    down = s.index("protected override void Down(MigrationBuilder migrationBuilder)")
    # The Up body ends right before the Down method's doc comment; insert before its closing brace.
    up_end = s.rindex("}", up, down)
    s = s[:up_end] + "    HandWrittenSchema.Up(migrationBuilder);\n        " + s[up_end:]
    down = s.index("protected override void Down(MigrationBuilder migrationBuilder)")
    brace = s.index("{", down) + 1
    s = s[:brace] + "\n            HandWrittenSchema.Down(migrationBuilder);\n" + s[brace:]
    open(path, "w").write(s)
PY
echo "Squashed into Initial; check the diff of src/Tollgate.Data/Migrations."
