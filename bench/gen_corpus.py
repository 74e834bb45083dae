#!/usr/bin/env python3
"""bench/gen_corpus.py - a deterministic corpus of made-up emulation-bloc
reports for `make bench` (bench/scale.sh).

    python3 bench/gen_corpus.py N OUTDIR [--seed S] [--rules DIR]

Writes N documents under OUTDIR: txt/, html/ and docx/ (a third each,
drawn per document), in sub-folders of 1,000 (txt/000/d000123.txt), and
plain/ with the body text of every document (what a reader should find),
the input of the bare-FTS5 floor and of rg.  Also OUTDIR/manifest.tsv:
id, format, path, bytes.

Every document is drawn from its own generator seeded with (S, id), so the
first 1,000 documents of a 10,000 corpus are the 1,000 corpus, byte for
byte.  The text is ours: template sentences filled with provinces from
rules/provinces.tsv, invented units, people, numbers and dates.  About one
document in 150 is long (100-500 KB: an annual review with per-unit
annexes); one in 40 is typed without diacritics; HTML pages carry menus,
sidebars, footers, inline scripts and styles as news portals do; DOCX files
are minimal WordprocessingML (document, styles, core properties) with
headings, split runs and a members table.
"""
import argparse
import os
import random
import sys
import unicodedata
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))


def load_provinces(rules):
    old, new = [], []
    with open(os.path.join(rules, "provinces.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("name\t"):
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) < 4 or c[3] not in ("63", "34"):
                continue
            (old if c[3] == "63" else new).append(c[0])
    if not old:
        old = new = ["Thanh Hóa", "Nghệ An", "Khánh Hòa"]
    return old, new or old


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
          "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai"]
MIDDLE = ["Văn", "Thị", "Đình", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc", "Xuân", "Đức",
          "Thu", "Hồng", "Công", "Anh", "Bảo", "Kim"]
GIVEN = ["Hùng", "Dũng", "Lan", "Hương", "Tuấn", "Hải", "Thủy", "Thúy", "Hòa", "Bình",
         "Sơn", "Nam", "Phương", "Hạnh", "Long", "Quang", "Trung", "Hiếu", "Nga", "Khánh",
         "Tâm", "Vinh", "Thắng", "Hằng", "Lộc", "Phúc", "Thảo", "Cường", "Yến", "Đạt"]
SYLL = ["Tân", "Phú", "Hòa", "An", "Bình", "Thạnh", "Long", "Mỹ", "Đức", "Vĩnh", "Thuận",
        "Lợi", "Sơn", "Hưng", "Phước", "Xuân", "Quỳnh", "Yên", "Lạc", "Thọ", "Đông", "Tây",
        "Cát", "Trà", "Hải", "Kim", "Ngọc", "Lâm", "Thái", "Hà"]
TITLES = ["Giám đốc", "Phó Giám đốc", "Chủ tịch", "Phó Chủ tịch", "Trưởng ban", "Phó Trưởng ban",
          "Chánh Văn phòng", "Bí thư", "Thủ trưởng", "Tổng Giám đốc"]

# bloc kinds: (name pattern, member units); {p} = province, {d} = a district
BLOCS = [
    ("Khối thi đua các cơ quan Đảng", ["Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy",
        "Ban Tuyên giáo Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Ban Dân vận Tỉnh ủy",
        "Ban Nội chính Tỉnh ủy", "Báo {p}", "Trường Chính trị tỉnh", "Đảng ủy Khối các cơ quan tỉnh"]),
    ("Khối thi đua Nội chính", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Tòa án nhân dân tỉnh",
        "Viện Kiểm sát nhân dân tỉnh", "Cục Thi hành án dân sự tỉnh", "Thanh tra tỉnh",
        "Sở Tư pháp", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]),
    ("Khối thi đua Kinh tế - Kỹ thuật", ["Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Công Thương",
        "Sở Nông nghiệp và Phát triển nông thôn", "Sở Xây dựng", "Sở Giao thông vận tải",
        "Sở Tài nguyên và Môi trường", "Sở Khoa học và Công nghệ", "Ban Quản lý các khu công nghiệp"]),
    ("Khối thi đua Văn hóa - Xã hội", ["Sở Giáo dục và Đào tạo", "Sở Y tế",
        "Sở Văn hóa, Thể thao và Du lịch", "Sở Lao động - Thương binh và Xã hội",
        "Sở Thông tin và Truyền thông", "Đài Phát thanh và Truyền hình {p}", "Ban Dân tộc tỉnh"]),
    ("Khối thi đua MTTQ và các đoàn thể", ["Ủy ban MTTQ Việt Nam tỉnh", "Liên đoàn Lao động tỉnh",
        "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh",
        "Liên minh Hợp tác xã tỉnh"]),
    ("Khối thi đua các doanh nghiệp", ["Công ty TNHH MTV Xổ số kiến thiết {p}",
        "Công ty Cổ phần Cấp nước {p}", "Công ty Điện lực {p}", "Ngân hàng Nông nghiệp và PTNT chi nhánh {p}",
        "Công ty Cổ phần Môi trường đô thị", "Công ty TNHH MTV Khai thác công trình thủy lợi",
        "Bưu điện tỉnh", "Viễn thông {p}"]),
    ("Khối thi đua các trường đại học, cao đẳng", ["Trường Đại học {p}", "Trường Cao đẳng Y tế {p}",
        "Trường Cao đẳng Sư phạm {p}", "Trường Cao đẳng Kỹ thuật Công nghiệp", "Trường Cao đẳng Nghề {p}",
        "Trường Cao đẳng Văn hóa Nghệ thuật"]),
    ("Cụm thi đua các huyện, thị xã, thành phố", None),
    ("Khối thi đua số {n}", None),
]
EVENTS = [
    ("ky_ket", "ký kết giao ước thi đua năm {y}", "Hội nghị ký kết giao ước thi đua năm {y}"),
    ("so_ket", "sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {y}",
     "sơ kết công tác thi đua 6 tháng đầu năm {y}"),
    ("tong_ket", "tổng kết công tác thi đua, khen thưởng năm {y}",
     "tổng kết phong trào thi đua năm {y}, ký kết giao ước năm {y1}"),
]
GOALS = [
    "hoàn thành và vượt các chỉ tiêu phát triển kinh tế - xã hội năm {y} được giao",
    "thu ngân sách nhà nước vượt {k}% dự toán",
    "đẩy mạnh cải cách hành chính, chuyển đổi số, nâng cao chỉ số PAR INDEX và SIPAS",
    "thực hiện tốt công tác xây dựng Đảng, xây dựng cơ quan, đơn vị trong sạch, vững mạnh",
    "hưởng ứng phong trào thi đua \"Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau\"",
    "xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
    "tạo việc làm mới cho ít nhất {n} lao động",
    "100% hồ sơ công việc được xử lý trên môi trường mạng",
    "thực hành tiết kiệm, chống lãng phí, phòng chống tham nhũng, tiêu cực",
    "đảm bảo an ninh chính trị, trật tự an toàn xã hội, không để xảy ra điểm nóng",
    "chăm lo đời sống vật chất, tinh thần cho cán bộ, công chức, viên chức và người lao động",
    "phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến, gương người tốt việc tốt",
    "tham gia đầy đủ các hoạt động văn hóa, thể thao do Khối tổ chức",
    "giải ngân vốn đầu tư công đạt trên {k}% kế hoạch",
]
AWARDS = ["Cờ thi đua của Chính phủ", "Bằng khen của Thủ tướng Chính phủ", "Cờ thi đua của UBND tỉnh",
          "Bằng khen của Chủ tịch UBND tỉnh", "danh hiệu Tập thể lao động xuất sắc",
          "Huân chương Lao động hạng Ba", "Giấy khen của Khối trưởng"]
ACHIEVE = [
    "{u} đã giải quyết đúng hạn {q}% hồ sơ thủ tục hành chính, không có hồ sơ trễ hẹn.",
    "{u} thu hút {n} lượt người tham gia các hoạt động hưởng ứng phong trào thi đua.",
    "{u} tổ chức {m} lớp tập huấn nghiệp vụ cho {n} lượt cán bộ, công chức.",
    "Tổng thu ngân sách trên địa bàn do {u} phụ trách đạt {b} tỷ đồng, bằng {k}% dự toán.",
    "{u} đóng góp {b} triệu đồng cho Quỹ Vì người nghèo và các chương trình an sinh xã hội.",
    "{u} triển khai {m} sáng kiến, giải pháp cải tiến được Hội đồng sáng kiến công nhận.",
    "Cán bộ, đoàn viên của {u} hiến {m} đơn vị máu trong các đợt hiến máu tình nguyện.",
    "{u} hoàn thành {q}% kế hoạch chuyển đổi số, {m} dịch vụ công trực tuyến toàn trình.",
]
CONTEXT = [
    "Năm {y}, trong bối cảnh còn nhiều khó khăn, các đơn vị trong Khối đã bám sát chỉ đạo của Tỉnh ủy, "
    "UBND tỉnh {p}, chủ động xây dựng kế hoạch và tổ chức phát động phong trào thi đua ngay từ đầu năm, "
    "gắn với các ngày lễ lớn của đất nước và của tỉnh.",
    "Công tác khen thưởng được thực hiện kịp thời, đúng quy định; tỷ lệ khen thưởng cho người lao động "
    "trực tiếp đạt {q}%. Các đơn vị đã đề nghị khen thưởng {m} tập thể và {n} cá nhân có thành tích xuất sắc.",
    "Bên cạnh kết quả đạt được, hoạt động của Khối vẫn còn một số hạn chế: nội dung thi đua ở một số đơn vị "
    "chưa sát với nhiệm vụ chuyên môn, việc phát hiện và nhân rộng điển hình tiên tiến chưa thường xuyên, "
    "báo cáo gửi về đơn vị Khối trưởng có lúc còn chậm.",
    "Thực hiện Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn, các đơn vị đã kiện toàn Hội đồng "
    "Thi đua - Khen thưởng, ban hành quy chế hoạt động và bộ tiêu chí chấm điểm thi đua cho năm {y}.",
    "Các đơn vị thống nhất tổ chức kiểm tra chéo vào tháng 11 năm {y}, chấm điểm theo thang điểm 100 và "
    "suy tôn đơn vị dẫn đầu đề nghị UBND tỉnh {p} tặng Cờ thi đua.",
    "Hưởng ứng phong trào thi đua đặc biệt do Thủ tướng Chính phủ phát động, các đơn vị đã đăng ký "
    "{m} công trình, phần việc chào mừng đại hội Đảng bộ các cấp và kỷ niệm các ngày lễ lớn.",
    "Hoạt động văn hóa, thể thao được duy trì: Khối tổ chức giải bóng chuyền, hội diễn văn nghệ với "
    "{n} lượt cán bộ, đoàn viên tham gia; thăm hỏi, tặng quà {m} gia đình chính sách với tổng trị giá "
    "{b} nghìn đồng.",
]
NOISE_TXT = ["Trang chủ > Tin tức - Sự kiện > Thi đua - Khen thưởng", "Cỡ chữ: A- A A+",
             "In bài viết | Gửi email | Chia sẻ Facebook", "Lượt xem: {n}",
             "Tin liên quan", "Số lượt truy cập: {b}", "Nghe đọc bài viết 0:00 / 3:{m}",
             "Bản quyền thuộc Cổng thông tin điện tử tỉnh {p}"]
OTHER_NEWS = ["Hội nghị triển khai nhiệm vụ công tác thi đua, khen thưởng năm {y}",
              "Tuyên dương điển hình tiên tiến trong phong trào thi đua yêu nước",
              "Sở Nội vụ hướng dẫn xét tặng danh hiệu thi đua năm {y}",
              "Ra quân hưởng ứng Tháng hành động vì môi trường",
              "Trao Bằng khen cho các tập thể có thành tích xuất sắc",
              "Tổng kết Tháng Thanh niên năm {y}"]


def person(r):
    return "%s %s %s" % (r.choice(FAMILY), r.choice(MIDDLE), r.choice(GIVEN))


def district(r):
    a = r.choice(SYLL)
    b = r.choice(SYLL)
    while b == a:
        b = r.choice(SYLL)
    return a + " " + b


def strip_marks(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", s)
                   if unicodedata.category(ch) != "Mn")


class Doc:
    """One report: a title, a date line and paragraphs (kind, text)."""

    def __init__(self, r, provinces_old, provinces_new):
        self.r = r
        y = r.randint(2015, 2026)
        self.year = y
        self.p = r.choice(provinces_new if (y == 2026 or (y == 2025 and r.random() < 0.5))
                          else provinces_old)
        kind, bloc_units = r.choice(BLOCS)
        self.bloc = kind.format(n=r.randint(1, 12))
        if bloc_units is None:
            units = ["UBND %s %s" % (r.choice(["huyện", "thị xã", "thành phố"]), district(r))
                     for _ in range(r.randint(5, 10))]
        else:
            units = [u.format(p=self.p) for u in bloc_units]
            r.shuffle(units)
            units = units[:r.randint(max(4, len(units) - 3), len(units))]
        self.units = units
        self.event = r.choice(EVENTS)
        self.paras = []
        self.table = None

    def fill(self, s):
        r = self.r
        return s.format(y=self.year, y1=self.year + 1, p=self.p, k=r.randint(95, 135),
                        q=r.randint(85, 100),
                        n="{:,}".format(r.randint(200, 30000)).replace(",", "."),
                        m=r.randint(2, 59), b="{:,}".format(r.randint(1000, 900000)).replace(",", "."),
                        u=r.choice(self.units) if self.units else "Khối")

    def build(self, long_doc):
        r, y, p = self.r, self.year, self.p
        code, verb, head = self.event
        month = {"ky_ket": r.randint(1, 3), "so_ket": r.randint(6, 7),
                 "tong_ket": r.randint(11, 12)}[code]
        day = r.randint(1, 28)
        self.date = "%02d/%02d/%d" % (day, month, y)
        lead_i = r.randrange(len(self.units))
        dep_i = (lead_i + 1 + r.randrange(len(self.units) - 1)) % len(self.units)
        lead, dep = self.units[lead_i], self.units[dep_i]
        chief = person(r)
        self.title = "%s tỉnh %s: %s" % (self.bloc, p, head.format(y=y, y1=y + 1)) \
            if r.random() < 0.5 else "%s %s" % (self.bloc, verb.format(y=y))
        grp = "Cụm" if self.bloc.startswith("Cụm") else "Khối"
        P = self.paras
        P.append(("p", "Ngày %d tháng %d năm %d, tại hội trường %s, %s tỉnh %s tổ chức hội nghị %s."
                  % (day, month, y, lead, self.bloc, p, verb.format(y=y))))
        P.append(("p", "Đồng chí %s, %s %s, %s trưởng năm %d chủ trì hội nghị. Dự hội nghị có "
                  "đại diện Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh %s và lãnh đạo các đơn vị "
                  "thành viên." % (chief, r.choice(TITLES), lead, grp, y, p)))
        for _ in range(r.randint(1, 3)):
            P.append(("p", self.fill(r.choice(CONTEXT))))
        members = ", ".join(self.units[:-1]) + " và " + self.units[-1]
        P.append(("p", "%s gồm %d đơn vị: %s; trong đó %s là đơn vị Khối trưởng, %s là Khối phó."
                  % (self.bloc, len(self.units), members, lead, dep)))
        if r.random() < 0.4:
            self.table = [("TT", "Đơn vị", "Người đứng đầu")] + [
                (str(i + 1), u, person(r)) for i, u in enumerate(self.units)]
        if code in ("so_ket", "tong_ket") or r.random() < 0.5:
            P.append(("h", "I. KẾT QUẢ THỰC HIỆN" if code != "ky_ket" else
                      "I. KẾT QUẢ NĂM %d" % (y - 1)))
            for _ in range(r.randint(3, 9)):
                P.append(("p", " ".join(self.fill(r.choice(ACHIEVE)) for _ in range(r.randint(1, 3)))))
            if code == "tong_ket":
                a = r.sample(self.units, min(3, len(self.units)))
                P.append(("p", "Hội nghị thống nhất đề nghị UBND tỉnh tặng %s cho %s; %s cho %s và %s."
                          % (r.choice(AWARDS[:3]), a[0], r.choice(AWARDS[3:]), a[1 % len(a)], a[-1])))
                nxt = self.units[(lead_i + 1) % len(self.units)]
                P.append(("p", "Các đơn vị đã bầu %s làm Khối trưởng, %s làm Khối phó năm %d."
                          % (nxt, self.units[(lead_i + 2) % len(self.units)], y + 1)))
        P.append(("h", "II. NỘI DUNG THI ĐUA NĂM %d" % (y if code != "tong_ket" else y + 1)))
        goals = r.sample(GOALS, r.randint(4, 8))
        for i, g in enumerate(goals):
            P.append(("li", "%d. %s." % (i + 1, self.fill(g[0].upper() + g[1:]))))
        for _ in range(r.randint(0, 3)):
            P.append(("p", self.fill(r.choice(CONTEXT))))
        P.append(("p", "Phát biểu tại hội nghị, đồng chí %s, %s Ban Thi đua - Khen thưởng tỉnh %s "
                  "ghi nhận kết quả %s đạt được và đề nghị các đơn vị tiếp tục đổi mới nội dung, "
                  "hình thức thi đua, gắn phong trào thi đua với thực hiện nhiệm vụ chính trị."
                  % (person(r), r.choice(["Trưởng", "Phó Trưởng"]), p, self.bloc)))
        if long_doc:
            target = r.randint(100_000, 500_000)
            size = sum(len(t.encode()) for _, t in P)
            sec = 0
            while size < target:
                sec += 1
                u = r.choice(self.units)
                P.append(("h", "Phụ lục %d. Kết quả của %s năm %d" % (sec, u, y)))
                for _ in range(r.randint(8, 20)):
                    t = " ".join(self.fill(r.choice(ACHIEVE)) for _ in range(r.randint(2, 4)))
                    P.append(("p", t))
                    size += len(t.encode())
        P.append(("p", "%s, %s" % (r.choice(["BTĐKT", "Văn phòng Khối", "T.H", "P.V"]), person(r))))
        if r.random() < 1 / 40:
            self.title = strip_marks(self.title)
            self.paras = [(k, strip_marks(t)) for k, t in P]

    def body_text(self):
        out = [self.title, ""]
        for _, t in self.paras:
            out += [t, ""]
        if self.table:
            out += ["\t".join(row) for row in self.table]
        return "\n".join(out) + "\n"


def write_txt(d, path):
    r = d.r
    lines = []
    if r.random() < 0.6:
        lines += [d.fill(r.choice(NOISE_TXT[:3])), "Đã đăng ngày %s lúc %02d:%02d" %
                  (d.date, r.randint(7, 17), r.randint(0, 59)), ""]
    lines += [d.title, ""]
    for k, t in d.paras:
        lines += [t, ""]
    if d.table:
        lines += ["   ".join(row) for row in d.table] + [""]
    if r.random() < 0.5:
        lines += ["Tin khác"] + [d.fill(r.choice(OTHER_NEWS)) for _ in range(3)]
        lines += [d.fill(NOISE_TXT[5]), ""]
    text = "\n".join(lines)
    if r.random() < 0.1:
        text = text.replace("\n", "\r\n")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def js_blob(r, kb):
    """Minified-looking script text of about kb KB."""
    names = ["e", "t", "n", "r", "i", "o", "a", "s", "u", "c", "l", "f"]
    parts = []
    size = 0
    while size < kb * 1024:
        a, b, c = r.choice(names), r.choice(names), r.choice(names)
        s = ("function %s%d(%s,%s){var %s=%s.length>>%d;for(;%s<%d;%s++)%s[%s]=%s[%s]^%d;"
             "return %s&&%s.call(this,\"w%d\")}" % (a, r.randint(0, 9999), b, c, a, b, r.randint(1, 7),
                                                     a, r.randint(10, 999), a, c, a, b, a,
                                                     r.randint(1, 255), c, b, r.randint(0, 99999)))
        parts.append(s)
        size += len(s)
    return ";".join(parts)


def write_html(d, path):
    r = d.r
    h = []
    site = "Cổng thông tin điện tử tỉnh %s" % d.p
    h.append("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">")
    h.append("<title>%s - %s</title>" % (escape(d.title), escape(site)))
    h.append("<meta property=\"og:title\" content=\"%s\">" % escape(d.title, {'"': "&quot;"}))
    dd, mm, yy = d.date.split("/")
    h.append("<meta property=\"article:published_time\" content=\"%s-%s-%sT%02d:%02d:00+07:00\">"
             % (yy, mm, dd, r.randint(7, 17), r.randint(0, 59)))
    h.append("<style>" + "".join(".c%d{margin:%dpx;color:#%06x}" % (i, r.randint(0, 20),
                                                                   r.randint(0, 0xffffff))
                                 for i in range(r.randint(50, 400))) + "</style>")
    h.append("<script>" + js_blob(r, r.randint(4, 30)) + "</script>")
    h.append("</head><body><div class=\"wrapper\"><header class=\"site-header\"><a href=\"/\">%s</a>"
             "<nav class=\"menu\"><ul>" % escape(site))
    for m in ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Thi đua - Khen thưởng",
              "Văn bản", "Thủ tục hành chính", "Liên hệ"]:
        h.append("<li><a href=\"/%d\">%s</a></li>" % (r.randint(1, 999), m))
    h.append("</ul></nav></header><div class=\"breadcrumb\">Trang chủ &gt; Tin tức &gt; Thi đua</div>")
    h.append("<main><article class=\"news-detail\"><h1 class=\"title\">%s</h1>" % escape(d.title))
    h.append("<div class=\"meta\"><time>%s</time> <span class=\"share\">Chia sẻ | In bài</span></div>"
             % d.date)
    h.append("<div class=\"article-content\">")
    for k, t in d.paras:
        tag = {"h": "h3", "li": "p", "p": "p"}[k]
        h.append("<%s>%s</%s>" % (tag, escape(t), tag))
    if d.table:
        h.append("<table class=\"tbl\">" + "".join(
            "<tr>" + "".join("<td>%s</td>" % escape(c) for c in row) + "</tr>" for row in d.table)
            + "</table>")
    h.append("</div></article>")
    h.append("<section class=\"related\"><h4>Tin liên quan</h4><ul>")
    for _ in range(r.randint(3, 8)):
        h.append("<li><a href=\"/tin/%d\">%s</a></li>" % (r.randint(1000, 99999),
                                                         escape(d.fill(r.choice(OTHER_NEWS)))))
    h.append("</ul></section></main><aside class=\"sidebar\"><h4>Tin mới</h4><ul>")
    for _ in range(r.randint(5, 12)):
        h.append("<li><a href=\"/tin/%d\">%s</a></li>" % (r.randint(1000, 99999),
                                                         escape(d.fill(r.choice(OTHER_NEWS)))))
    h.append("</ul><div class=\"counter\">Lượt truy cập: %s</div></aside>" % d.fill("{b}"))
    h.append("<footer><p>%s. Địa chỉ: số %d đường %s, tỉnh %s.</p></footer></div>"
             % (escape(site), r.randint(1, 300), district(r), escape(d.p)))
    h.append("<script>" + js_blob(r, r.randint(2, 20)) + "</script>")
    h.append("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"%s\"}</script>"
             % escape(d.title).replace('"', "'"))
    h.append("</body></html>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(h))


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '</Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>')
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr>'
          '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/>'
          '</w:rPr></w:rPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
          '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
          '<w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>'
          '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
          '</w:styles>' % W)


def runs(r, text, bold=False):
    """text as one or a few runs, split at spaces as Word does at proofing marks."""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    out = []
    words = text.split(" ")
    while words:
        k = len(words) if r.random() < 0.6 else r.randint(1, len(words))
        chunk = " ".join(words[:k])
        words = words[k:]
        if words:
            chunk += " "
        out.append('<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, escape(chunk)))
    return "".join(out)


def write_docx(d, path):
    r = d.r
    b = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="%s"><w:body>' % W]
    b.append('<w:p><w:pPr><w:jc w:val="center"/></w:pPr>%s</w:p>' % runs(r, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True))
    b.append('<w:p><w:pPr><w:jc w:val="right"/></w:pPr>%s</w:p>'
             % runs(r, "%s, ngày %s" % (d.p, d.date)))
    b.append('<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>%s</w:p>' % runs(r, d.title))
    for k, t in d.paras:
        if k == "h":
            b.append('<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>%s</w:p>' % runs(r, t))
        else:
            b.append('<w:p>%s</w:p>' % runs(r, t))
    if d.table:
        b.append('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>')
        for row in d.table:
            b.append("<w:tr>" + "".join('<w:tc><w:p>%s</w:p></w:tc>' % runs(r, c) for c in row) + "</w:tr>")
        b.append("</w:tbl>")
    b.append('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
            '</cp:coreProperties>' % (escape(d.title), escape(person(r))))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                           ("word/_rels/document.xml.rels", DOC_RELS),
                           ("word/document.xml", "".join(b)), ("word/styles.xml", STYLES),
                           ("docProps/core.xml", core)):
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--rules", default=os.path.join(HERE, "..", "rules"))
    a = ap.parse_args()
    old, new = load_provinces(a.rules)
    man = open(os.path.join(a.outdir, "manifest.tsv"), "w", encoding="utf-8") \
        if os.path.isdir(a.outdir) else None
    if man is None:
        os.makedirs(a.outdir)
        man = open(os.path.join(a.outdir, "manifest.tsv"), "w", encoding="utf-8")
    ext = {"txt": "txt", "html": "html", "docx": "docx"}
    for i in range(a.n):
        r = random.Random("%d:%d" % (a.seed, i))
        fmt = r.choice(("txt", "html", "docx"))
        d = Doc(r, old, new)
        d.build(r.random() < 1 / 150)
        sub = "%03d" % (i // 1000)
        for dd in (os.path.join(a.outdir, fmt, sub), os.path.join(a.outdir, "plain", sub)):
            os.makedirs(dd, exist_ok=True)
        path = os.path.join(a.outdir, fmt, sub, "d%06d.%s" % (i, ext[fmt]))
        {"txt": write_txt, "html": write_html, "docx": write_docx}[fmt](d, path)
        with open(os.path.join(a.outdir, "plain", sub, "d%06d.txt" % i), "w", encoding="utf-8") as f:
            f.write(d.body_text())
        man.write("%d\t%s\t%s\t%d\n" % (i, fmt, os.path.relpath(path, a.outdir), os.path.getsize(path)))
    man.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
