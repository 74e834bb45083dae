# t020-ingest-fingerprint: re-ingest skips unchanged files, but a change of
# the rules (or --force) re-extracts them, so stored facts follow the rules.
. "$ROOT/tests/cli/lib.sh"
cp -r "$ROOT/rules" myrules
mkdir in
cp "$ROOT"/corpus/th2022-mttq-ky-ket.html "$ROOT"/corpus/bg2022-ngan-hang-ky-ket.txt in/
expect_code 0 $THIDUA --db t.db --rules myrules ingest in
expect_grep '2 added, 0 replaced, 0 unchanged, 0 failed' err
expect_code 0 $THIDUA --db t.db --rules myrules ingest in
expect_grep '0 added, 0 replaced, 2 unchanged, 0 failed' err
expect_code 0 $THIDUA --db t.db --rules myrules ingest --force in/bg2022-ngan-hang-ky-ket.txt
expect_grep '0 added, 1 replaced, 0 unchanged, 0 failed' err
# a rule file changes: every file is extracted again
echo "# a comment changes the rules' fingerprint" >>myrules/$(ls myrules | grep '\.rules$' | head -n 1)
expect_code 0 $THIDUA --db t.db --rules myrules ingest in
expect_grep '0 added, 2 replaced, 0 unchanged, 0 failed' err
expect_code 0 $THIDUA --db t.db --rules myrules ingest in
expect_grep '0 added, 0 replaced, 2 unchanged, 0 failed' err
