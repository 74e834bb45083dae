#!/bin/sh
# bench/linear.sh - is the cost of one long document linear in its size?
#   sh bench/linear.sh ./build/thidua [MB...]      (default: 1 4 16)
# Writes a report of MB megabytes (varied Vietnamese paragraphs: units,
# names, numbers and years change from one to the next), then times
# `extract --json`, `ingest` and a search whose hit is that report, with the
# peak RSS of each (times are CPU seconds, user + system, so that a busy
# machine does not blur them).  Linear code shows a flat "s/MB" column and an RSS that
# is a small multiple of the file; the search stays the same at any size.
set -u
bin=${1:?usage: bench/linear.sh THIDUA [MB...]}
shift
[ $# -gt 0 ] || set -- 1 4 16
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen() {   # gen MB FILE
    awk -v bytes=$(($1 * 1048576)) 'BEGIN {
        srand(11);
        n = split("Sở Tài chính|Sở Nội vụ|Sở Tư pháp|Ban Dân vận Tỉnh ủy|Hội Nông dân tỉnh|Liên đoàn Lao động tỉnh|UBND huyện Tân Biên|UBND thị xã Hòa Thành|Sở Y tế|Sở Giáo dục và Đào tạo", u, "|");
        m = split("Tây Ninh|Khánh Hòa|Nghệ An|Thanh Hóa|Đắk Lắk|Lạng Sơn|Hà Tĩnh|Phú Yên", p, "|");
        q = split("Nguyễn Văn An|Trần Thị Bình|Lê Hoàng Cường|Phạm Minh Đức|Huỳnh Thanh Tùng|Võ Thị Hạnh", who, "|");
        print "Khối thi đua các cơ quan tỉnh Tây Ninh sơ kết công tác thi đua năm 2024\n";
        size = 0;
        for (i = 0; size < bytes; i++) {
            a = u[1 + int(rand() * n)]; b = u[1 + int(rand() * n)]; c = u[1 + int(rand() * n)];
            y = 2019 + int(rand() * 8); pv = p[1 + int(rand() * m)];
            k = i % 5;
            if (k == 0) s = sprintf("Ngày %d tháng %d năm %d, tại %s, Khối thi đua các cơ quan tỉnh %s tổ chức hội nghị sơ kết công tác thi đua, khen thưởng %d tháng đầu năm %d.", 1 + int(rand() * 28), 1 + int(rand() * 12), y, a, pv, 3 + int(rand() * 6), y);
            else if (k == 1) s = sprintf("Khối thi đua gồm %d đơn vị: %s, %s (Khối trưởng năm %d), %s (Khối phó) và các đơn vị khác.", 5 + int(rand() * 20), a, b, y, c);
            else if (k == 2) s = sprintf("Năm %d, %s làm Trưởng khối, %s làm Phó khối; các đơn vị thống nhất %d nội dung thi đua: hoàn thành vượt %d%% chỉ tiêu được giao; đẩy mạnh cải cách hành chính, chuyển đổi số.", y, a, b, 3 + int(rand() * 5), 80 + int(rand() * 50));
            else if (k == 3) s = sprintf("Phát biểu tại hội nghị, ông %s, Giám đốc %s ghi nhận kết quả đạt được; thu ngân sách đạt %d triệu đồng, tăng %d%% so với cùng kỳ.", who[1 + int(rand() * q)], a, 1000 + int(rand() * 900000), 1 + int(rand() * 30));
            else s = sprintf("Dịp này, %s đã trao đổi kinh nghiệm về mô hình \"Dân vận khéo\" giai đoạn %d-%d.", c, y, y + 5);
            print s "\n";
            size += length(s) + 2;   # characters, not bytes: the file ends up larger
        }
    }' | head -c $(($1 * 1048576)) >"$2"
}
measure() {   # measure cmd...: prints "wall user sys rss_kb" of one run
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>&1
    tail -n 1 "$work/t"
}
printf '%-7s %11s %9s %9s %11s %9s %14s %9s\n' size extract_cpu s/MB RSS/MB ingest_cpu s/MB search_cpu_ms RSS_MB
for mb in "$@"; do
    f=$work/r$mb.txt
    gen "$mb" "$f"
    set -- $(measure "$bin" -q extract --json "$f"); xt=$(awk "BEGIN { print $2 + $3 }") xr=$4
    rm -f "$work/l.db"
    set -- $(measure "$bin" --db "$work/l.db" -q ingest "$f"); it=$(awk "BEGIN { print $2 + $3 }")
    set -- $(measure "$bin" --db "$work/l.db" search "thi dua"); st=$(awk "BEGIN { print $2 + $3 }") sr=$4
    awk -v mb="$mb" -v xt="$xt" -v xr="$xr" -v it="$it" -v st="$st" -v sr="$sr" 'BEGIN {
        printf "%4d MB %10.2fs %9.2f %9.1f %10.2fs %9.2f %14.0f %9.1f\n",
               mb, xt, xt / mb, xr / 1024 / mb, it, it / mb, st * 1000, sr / 1024 }'
done
