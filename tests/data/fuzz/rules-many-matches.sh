#!/bin/sh
# rules-many-matches.sh N OUT.txt - N copies of one sentence that the
# rules match, as paragraphs: `extract --json` is quadratic in N (see
# README).
n=${1:-40000}; out=${2:-many-matches.txt}
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) {
    print "Khối thi đua các huyện ký kết giao ước năm 2024 và các đơn vị thống nhất nội dung."
    print "" } }' >"$out"
