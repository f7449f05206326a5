"""Words the benches build their generated records from (one list for every bench)."""

SUBJECTS = [
    "sửa chữa đường giao thông nông thôn",
    "nâng cấp đường liên thôn",
    "hệ thống thoát nước khu dân cư",
    "ô nhiễm môi trường do chăn nuôi",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "chi trả chế độ chính sách người có công",
    "điện chiếu sáng công cộng",
    "cơ sở vật chất trường mầm non",
    "khám chữa bệnh tại trạm y tế",
    "thu gom rác thải sinh hoạt",
    "lấn chiếm hành lang an toàn đường bộ",
    "nước sạch sinh hoạt",
    "hỗ trợ hộ nghèo, hộ cận nghèo",
    "an ninh trật tự khu vực chợ",
]
