# t101-norm-detect-decode: encoding detection and legacy decoding of files
# (the samples of $SHARED/legacy-encodings), and the errors around them.
. "$ROOT/tests/cli/lib.sh"
need_shared legacy-encodings/samples
S=$SHARED/legacy-encodings/samples

expect_code 0 $THIDUA norm detect "$S/sample-tcvn3.txt"
expect_grep '^tcvn3 1\.000$' out
expect_grep 'candidates: tcvn3 1\.000, vni ' out
expect_code 0 $THIDUA norm detect "$S/sample-vni.txt" "$S/sample-cp1258.txt" "$S/expected.txt"
expect_grep 'sample-vni.txt: vni 1\.000$' out
expect_grep 'sample-cp1258.txt: windows-1258 1\.000$' out
expect_grep 'expected.txt: utf-8 1\.000$' out

# a French paragraph in windows-1252 is byte-valid TCVN3, but undecided
printf 'Le conseil r\351gional s'"'"'est r\351uni \340 Lyon pour \351tudier le budget de l'"'"'ann\351e prochaine ; o\371 en sont les travaux de r\351novation des \351coles et du mus\351e ? Les \351lus ont pr\351sent\351 leurs propositions \340 la pr\351f\350te.' >fr.txt
expect_code 0 $THIDUA norm detect fr.txt
expect_grep '^unknown 0\.' out

expect_code 0 $THIDUA norm decode tcvn3 "$S/sample-tcvn3.txt"
tr -d '\r' <out >got
cmp -s "$S/expected-tcvn3-nofont.txt" got || { diff "$S/expected-tcvn3-nofont.txt" got | head; fail "tcvn3 decode"; }
expect_code 0 $THIDUA norm decode auto "$S/sample-vni.txt"
tr -d '\r' <out >got
cmp -s "$S/expected.txt" got || fail "vni auto decode"
expect_code 0 $THIDUA norm decode cp1258 "$S/sample-cp1258.txt"
tr -d '\r' <out >got
cmp -s "$S/expected.txt" got || fail "cp1258 decode"

expect_code 1 $THIDUA norm decode auto fr.txt
expect_grep "^thidua: error: 'fr.txt': encoding could not be detected" err
expect_lines 1 err
expect_code 1 $THIDUA norm detect no-such-file.txt
expect_grep "^thidua: error: 'no-such-file.txt': " err
expect_code 2 $THIDUA norm decode klingon fr.txt
expect_grep "unknown encoding 'klingon'" err
expect_code 2 $THIDUA norm decode tcvn3
