# t410-extract-heldout: `extract --json` on the held-out reports of
# tests/data/heldout (hand-written, gold in expected.jsonl) gives the key
# facts of each file: province, pledge year, event and every leader unit
# with its role and year.  A row of the table below per file; "-" is a
# null province.  Scoring every field against the gold is done by
# bench/gold_score.py (a dev tool).
. "$ROOT/tests/cli/lib.sh"
dir="$ROOT/tests/data/heldout"
# file|province|pledge_year (or null)|event|leaders as unit:role:year;...
# (an empty leader field: the file names no leader at all)
table='h01-nghia-hanh-xa-ky-ket|Quảng Ngãi|2024|ky_ket|UBND xã Hành Thiện:truong_khoi:2024;UBND thị trấn Chợ Chùa:pho_khoi:2024
h02-thpt-binh-dinh-nam-hoc|Bình Định|2024|tong_ket|Trường THPT Hoài Nhơn:truong_khoi:2024;Trường THPT Lý Tự Trọng:pho_khoi:2024
h03-bo-kinh-te-tong-hop|-|2024|tong_ket|Bộ Kế hoạch và Đầu tư:truong_khoi:2023;Bộ Tài chính:truong_khoi:2024;Kiểm toán Nhà nước:pho_khoi:2024
h04-doanh-nghiep-binh-duong|Bình Dương|2025|ky_ket|Công ty Điện lực Bình Dương:truong_khoi:2025;Viễn thông Bình Dương:pho_khoi:2025
h05-noi-chinh-soc-trang-so-ket|Sóc Trăng|2024|so_ket|Công an tỉnh:truong_khoi:2024;Viện kiểm sát nhân dân tỉnh:pho_khoi:2024
h06-khoi-so-5-thai-binh|Thái Bình|2025|ky_ket|Sở Xây dựng:truong_khoi:2024;Sở Công Thương:truong_khoi:2025;Sở Giao thông vận tải:pho_khoi:2025
h07-hau-giang-hai-khoi|Hậu Giang|2023|ky_ket|Sở Tài chính:truong_khoi:2023
h08-cu-mgar-mttq-huyen|Đắk Lắk|2024|tong_ket|Hội Nông dân huyện:truong_khoi:2024;Huyện đoàn:pho_khoi:2024
h09-vinh-long-co-quan-dang|Vĩnh Long|2025|ky_ket|Ban Tổ chức Tỉnh ủy:truong_khoi:2025;Văn phòng Tỉnh ủy:pho_khoi:2025
h10-lao-cai-su-nghiep-so-ket|Lào Cai|2024|so_ket|Đài Phát thanh - Truyền hình tỉnh:truong_khoi:2024;Trường Cao đẳng Lào Cai:pho_khoi:2024
h11-bo-nong-nghiep-cuc-vu|-|2024|ky_ket|Cục Thú y:truong_khoi:2024;Cục Trồng trọt:pho_khoi:2024
h12-can-tho-quan-huyen|Cần Thơ|2025|tong_ket|UBND quận Ninh Kiều:truong_khoi:2024;UBND quận Cái Răng:truong_khoi:2025;UBND huyện Cờ Đỏ:pho_khoi:2025
h13-gia-lai-trung-uong|Gia Lai|2023|ky_ket|Bảo hiểm xã hội tỉnh:truong_khoi:2023;Cục Thống kê tỉnh:pho_khoi:2023
h14-ben-tre-van-hoa-xa-hoi|Bến Tre|2023|so_ket|Sở Y tế:truong_khoi:2023;Sở Giáo dục và Đào tạo:pho_khoi:2023
h15-hoi-dac-thu-tong-ket|-|2023|tong_ket|Hội Luật gia tỉnh:truong_khoi:2022;Hội Khuyến học tỉnh:truong_khoi:2023;Hội Đông y tỉnh:pho_khoi:2023
h16-nghe-an-bao-chi-so-3|Nghệ An|2023|ky_ket|Đài Phát thanh và Truyền hình Nghệ An:truong_khoi:2022;Báo Nghệ An:truong_khoi:2023;Tạp chí Sông Lam:pho_khoi:2023
h17-quang-binh-doanh-nghiep|Quảng Bình|2024|ky_ket|Công ty TNHH MTV Xổ số kiến thiết Quảng Bình:truong_khoi:2024;Công ty Cổ phần Cấp nước Quảng Bình:pho_khoi:2024
h18-bo-tai-chinh-tong-cuc|-|2024|tong_ket|Tổng cục Thuế:truong_khoi:2023;Tổng cục Hải quan:truong_khoi:2024;Kho bạc Nhà nước:pho_khoi:2024
h19-quynh-luu-truong-hoc|-|2023|so_ket|THCS Quỳnh Thuận:truong_khoi:2023
h20-quang-tri-noi-chinh|Quảng Trị|2022|ky_ket|Công an tỉnh:truong_khoi:2022;Thanh tra tỉnh:pho_khoi:2022
h21-ha-tinh-huyen-mien-nui|Hà Tĩnh|2023|ky_ket|UBND huyện Hương Khê:truong_khoi:2023;UBND huyện Vũ Quang:pho_khoi:2023
h22-thai-nguyen-bao-chi|Thái Nguyên|2023|tong_ket|Báo Thái Nguyên:truong_khoi:2023
h23-dong-thap-khoi-van-xa-huyen|-|2023|tong_ket|Phòng Giáo dục và Đào tạo huyện:truong_khoi:2024;Trung tâm Y tế huyện:pho_khoi:2024
h24-ninh-hoa-thi-xa|-|2024|ky_ket|Ban Tổ chức Thị ủy:truong_khoi:2024;Ủy ban MTTQ Việt Nam thị xã:pho_khoi:2024
h25-thanh-hoa-benh-vien|Thanh Hóa|2023|so_ket|Bệnh viện Đa khoa tỉnh Thanh Hóa:truong_khoi:2023;Bệnh viện Nhi Thanh Hóa:pho_khoi:2023
h26-tuyen-quang-hoi-quan-chung|Tuyên Quang|2023|ky_ket|Hội Chữ thập đỏ tỉnh:truong_khoi:2023;Hội Luật gia tỉnh:pho_khoi:2023
h27-bo-noi-chinh|-|2025|tong_ket|Bộ Công an:truong_khoi:2024;Bộ Tư pháp:truong_khoi:2025;Thanh tra Chính phủ:pho_khoi:2025
h28-bac-ninh-tham-muu|Bắc Ninh|2025|tong_ket|Văn phòng UBND tỉnh:truong_khoi:2024;Sở Kế hoạch và Đầu tư:truong_khoi:2025
h29-yen-bai-mttq-ngat-dong|Yên Bái|2023|tong_ket|Hội Liên hiệp Phụ nữ tỉnh:truong_khoi:2023;Tỉnh đoàn:pho_khoi:2023
h30-phu-tho-noi-chinh-nhieu|Phú Thọ|2024|ky_ket|Cục Thi hành án dân sự tỉnh:truong_khoi:2024;Sở Tư pháp:pho_khoi:2024
h31-long-an-so-ket-khoi-dang|Long An|2024|so_ket|Ban Tổ chức Tỉnh ủy:truong_khoi:2024
h32-kon-tum-khoi-kinh-te-lap-lai|Kon Tum|2023|ky_ket|Sở Tài chính:truong_khoi:2023;Cục Thống kê tỉnh:pho_khoi:2023
h33-bo-gddt-khoi-dai-hoc|-|2024|ky_ket|Đại học Bách khoa Hà Nội:truong_khoi:2023;Trường Đại học Sư phạm Hà Nội:truong_khoi:2024;Trường Đại học Kinh tế Quốc dân:pho_khoi:2024
h34-giao-luu-the-thao|Hưng Yên|null|other|
h35-dan-dau-khong-truong-khoi|Điện Biên|2022|tong_ket|
h36-quang-ngai-repost|Quảng Ngãi|2021|ky_ket|Ban Dân vận Tỉnh ủy:truong_khoi:2021
h37-sidebar-only|-|2024|ky_ket|
h38-bao-cao-son-la-kinh-te|Sơn La|2023|tong_ket|Sở Tài chính:truong_khoi:2023;Sở Xây dựng:pho_khoi:2023
h39-hcm-so-nganh-kinh-te|Hồ Chí Minh|2024|ky_ket|Sở Công Thương:truong_khoi:2024;Sở Kế hoạch và Đầu tư:pho_khoi:2024
h40-kien-giang-huyen-ven-bien|Kiên Giang|2024|ky_ket|UBND huyện Kiên Lương:truong_khoi:2024;UBND huyện Hòn Đất:pho_khoi:2024
h41-xay-dung-doanh-nghiep-khoi-truong|-|2024|ky_ket|Tổng công ty Viglacera:truong_khoi:2024;Tổng công ty Sông Đà:pho_khoi:2024
h42-binh-thuan-vh-xh|Bình Thuận|2024|ky_ket|Sở LĐ-TB&XH:truong_khoi:2024;Sở Y tế:pho_khoi:2024
h43-mu-cang-chai-xa-vung-cao|-|2023|ky_ket|UBND xã Chế Tạo:truong_khoi:2023
h44-dong-nai-truong-cao-dang|Đồng Nai|2024|ky_ket|Trường Cao đẳng Y tế Đồng Nai:truong_khoi:2024;Trường Cao đẳng Công nghệ cao Đồng Nai:pho_khoi:2024
h45-bao-chi-trung-uong|-|2024|tong_ket|Đài Tiếng nói Việt Nam:truong_khoi:2023;Thông tấn xã Việt Nam:truong_khoi:2024
h46-ha-giang-luan-phien|Hà Giang|2024|ky_ket|Bộ Chỉ huy Quân sự tỉnh:truong_khoi:2024;Thanh tra tỉnh:pho_khoi:2024
h47-nam-dinh-cong-doan|Nam Định|2023|ky_ket|Công đoàn ngành Giáo dục:truong_khoi:2023;Công đoàn ngành Y tế:pho_khoi:2023
h48-an-giang-so-ket-nam|An Giang|2025|so_ket|Sở Xây dựng:truong_khoi:2025;Sở Nông nghiệp và Môi trường:pho_khoi:2025
h49-lang-son-nhieu-khoi-sidebar|Lạng Sơn|2024|ky_ket|Ủy ban Kiểm tra Tỉnh ủy:truong_khoi:2024'
check_key_facts "$dir" 49 "$table"
