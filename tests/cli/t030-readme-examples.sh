# t030-readme-examples: every "$ thidua ..." example in README.md runs (jq's
# man.test in spirit): against a database of corpus/, from the repository
# root, each exits 0 without a sanitizer report, and an example followed by
# an "exit N" line exits N.
. "$ROOT/tests/cli/lib.sh"
db=$PWD/readme.db
export THIDUA_DB=$db
(cd "$ROOT" && $THIDUA --db "$db" -q ingest corpus/) || fail "cannot ingest corpus/"
awk '{ line[NR] = $0 }
     END {
       for (i = 1; i <= NR; i++) {
         if (line[i] !~ /^ *\$ thidua /) continue
         cmd = line[i]; sub(/^ *\$ /, "", cmd); want = ""
         # an "exit N" line among the output lines that follow
         for (j = i + 1; j <= NR && j <= i + 4; j++) {
           if (line[j] ~ /^ *\$ / || line[j] ~ /^ *$/ || line[j] ~ /^```/) break
           if (line[j] ~ /^ *exit [0-9]+$/) { want = line[j]; gsub(/[^0-9]/, "", want) }
         }
         print want "\037" cmd
       }
     }' "$ROOT/README.md" >examples
[ -s examples ] || fail "no examples found in README.md"
n=0 nshared=0
while IFS="$(printf '\037')" read -r want cmd; do
    case $cmd in *../shared/*) [ -d "${SHARED:-}" ] || { nshared=$((nshared + 1)); continue; } ;; esac
    n=$((n + 1))
    run=$(printf '%s' "$cmd" | sed "s|^thidua|$THIDUA|; s/; echo \"exit \$?\"//")
    (cd "$ROOT" && eval "$run") >ex.out 2>ex.err
    got=$?
    if grep -Eq 'runtime error|AddressSanitizer|LeakSanitizer' ex.err; then
        cat ex.err; fail "README example crashed: $cmd"
    fi
    [ "$got" -eq "${want:-0}" ] || { head -5 ex.err; fail "README example '$cmd' exited $got, want ${want:-0}"; }
done <examples
echo "$n README examples run"
[ "$nshared" -eq 0 ] || skip_part "$nshared README examples read ../shared, not found (set SHARED)"
end_parts
[ "$n" -ge 10 ] || fail "only $n examples found in README.md"
