# t950-serve-pages-api: `thidua serve` over corpus/ plus a hostile report:
# every page and API route answers, the API is valid JSON with the CLI's
# --json shapes (byte for byte), report text is escaped (a <script> and an
# onerror= attribute show as text), only known routes answer ('..' is
# 404), limits (a 4 KB query is 414), malformed queries are 400 with a
# message on the page, never 500; SIGTERM stops it with exit 0.
. "$ROOT/tests/cli/lib.sh"
command -v curl >/dev/null || skip "curl missing"
mkdir hostile
printf '%s\n\n%s\n' \
  'Khối thi đua các cơ quan <script>alert(1)</script> tỉnh Khánh Hòa ký kết giao ước thi đua năm 2024' \
  'Khối thi đua các cơ quan <img src=x onerror=alert(2)> tỉnh Khánh Hòa tổ chức hội nghị ký kết giao ước thi đua năm 2024. Trưởng khối năm 2024 là Sở Tư pháp.' \
  >hostile/evil.txt
$THIDUA --db t.db ingest -q "$ROOT/corpus" hostile || fail "ingest failed"
evil=$($THIDUA --db t.db search --json alert | jq -r .doc | head -n 1)
[ -n "$evil" ] || fail "the hostile report is not found"
serve_start t.db

# pages
get /;                 expect_grep 'Tổng quan cơ sở dữ liệu' body; expect_grep '<svg class="bars"' body; expect_grep "Khối chưa có báo cáo năm" body
get /search;           expect_grep '<form class="search"' body
get "/search?q=khanh+hoa"; expect_grep '<mark>' body; expect_grep 'class="hit"' body
grep -o 'href="/doc/[0-9]*"' body | sort >folded
get "/search?q=KHANH+Hoa"; grep -o 'href="/doc/[0-9]*"' body | sort >upper
cmp -s folded upper || fail "khanh hoa and KHANH Hoa do not find the same documents"
# with diacritics: any tone placement and case (Hoà, HÒA), as the CLI
get "/search?q=Kh%C3%A1nh+Ho%C3%A0"; grep -o 'href="/doc/[0-9]*"' body | sort >accented
get "/search?q=KH%C3%81NH+H%C3%92A"; grep -o 'href="/doc/[0-9]*"' body | sort >accented2
[ -s accented ] && cmp -s accented accented2 || fail "Khánh Hoà and KHÁNH HÒA differ"
# fold=1 (the form's checkbox) reads them without diacritics: as khanh hoa
get "/search?q=Kh%C3%A1nh+Ho%C3%A0&fold=1"; grep -o 'href="/doc/[0-9]*"' body | sort >accented3
cmp -s folded accented3 || fail "Khánh Hoà with fold=1 and khanh hoa differ"
get "/search?q=giao+uoc&page=2"; expect_grep 'rel="prev"' body
get "/search?province=Ngh%E1%BB%87+An&year=2024"
get /doc/1;            expect_grep '<mark id="s1">' body; expect_grep 'href="#s1"' body
get /blocs;            expect_grep 'href="/bloc/[0-9]+"' body
b=$(grep -o 'href="/bloc/[0-9]*"' body | head -n 1 | tr -dc 0-9)
get /bloc/$b;          expect_grep 'Trưởng khối' body
get "/compare?y1=2023&y2=2024"; expect_grep '<svg class="bars"' body
get /compare;          expect_grep 'name="y1"' body
get /assets/style.css; expect_grep 'mark\{' body

# the API: valid JSON, and the CLI's --json shapes
for u in "/api/search?q=giao" /api/doc/1 /api/blocs /api/leaders "/api/compare?y1=2023&y2=2024"; do
    get "$u"; jq . body >/dev/null || fail "$u is not valid JSON"
done
get /api/blocs;   $THIDUA --db t.db blocs --json >cli; cmp -s body cli || fail "/api/blocs differs from blocs --json"
get /api/leaders; $THIDUA --db t.db leaders --json >cli; cmp -s body cli || fail "/api/leaders differs from leaders --json"
get "/api/compare?y1=2023&y2=2024"; $THIDUA --db t.db compare 2023 2024 --json >cli
cmp -s body cli || fail "/api/compare differs from compare --json"
get /api/doc/$evil; $THIDUA --db t.db show --json $evil >cli; cmp -s body cli || fail "/api/doc differs from show --json"
get "/api/search?q=giao+uoc"; jq -c '.[]' body >api
$THIDUA --db t.db search --json "giao uoc" | jq -c . >cli
cmp -s api cli || fail "/api/search differs from search --json"

# escaping: the hostile report shows its markup as text
for u in /doc/$evil "/search?q=alert" /; do
    get "$u"
    expect_no_grep '<script|<img|onerror=alert\(2\)>' body
done
get /doc/$evil
expect_grep '&lt;script&gt;alert\(1\)&lt;/script&gt;' body
expect_grep '&lt;img src=x onerror=alert\(2\)&gt;' body
get "/search?q=%3Cscript%3E%22%27" 400; expect_no_grep '<script>' body
expect_grep 'value="&lt;script&gt;&quot;&#39;"' body

# routes, limits, malformed input
get /nope 404; get /doc/999999 404; get /doc/abc 404; get /api/doc/999999 404
get /api/nope 404; jq -e .error body >/dev/null || fail "an API 404 is not JSON"
for u in /../etc/passwd /doc/../../etc/passwd /assets/../Makefile /assets/x.css "/%2e%2e/%2e%2e/etc/passwd" /src/main.c; do
    code=$(curl -s --path-as-is -o body -w '%{http_code}' "$base$u")
    [ "$code" = 404 ] || fail "$u: status $code, want 404"
done
long=$(printf 'a%.0s' $(seq 1 4096))
get "/search?q=$long" 414;     expect_grep 'quá dài' body
get "/api/search?q=$long" 414; jq -e .error body >/dev/null || fail "414 from the API is not JSON"
for q in 'title:' 'a+AND' '%22' 'NOT' '(((' 'NEAR(a+b,+x)'; do
    get "/search?q=$q" 400; expect_grep 'class="error">Câu truy vấn không hợp lệ' body
    get "/api/search?q=$q" 400; jq -e .error body >/dev/null || fail "no error in JSON for $q"
done
get "/search?q=a&year=abc" 400;  expect_grep 'Năm không hợp lệ' body
get "/search?q=a&page=0" 400;    get "/search?q=a&format=pdf" 400
get "/search?q=%00%ff%fe";       # undecodable bytes: a page, not a crash
get "/compare?y1=x&y2=2024" 400; get "/api/compare?y1=2024&y2=2024" 400
get "/blocs?province=Atlantis" 400
code=$(curl -s -o body -w '%{http_code}' -X POST "$base/"); [ "$code" = 405 ] || fail "POST: $code"
code=$(curl -s -o body -w '%{http_code}' -I "$base/search?q=giao"); [ "$code" = 200 ] || fail "HEAD: $code"
kill -0 $srv_pid || fail "serve died"
serve_stop

# usage errors
expect_code 2 $THIDUA --db t.db serve --port 70000
expect_code 2 $THIDUA --db t.db serve --bind not-an-address --port 0
expect_code 3 $THIDUA --db missing.db serve --port 0
$THIDUA serve --help | grep -q -- '--bind' || fail "serve --help has no --bind"
$THIDUA --help | grep -q '^  serve ' || fail "thidua --help does not list serve"
exit 0
